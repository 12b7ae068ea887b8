"""One-line, structured log records on stdout: key=value pairs a log shipper can parse.

Never personal data: the request path is logged, not the query string (which can carry
a comment's signed token or search terms), and no message here includes an e-mail
address or a comment's text.
"""

import json
import logging


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            fields["method"] = request.method
            fields["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            fields["status"] = status
        if record.exc_info:
            fields["error"] = self.formatException(record.exc_info).replace("\n", " | ")
        return " ".join(f"{key}={json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
