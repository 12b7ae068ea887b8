"""One-line, structured log records on stdout: key=value pairs a log shipper can parse.

Never personal data: the request path is logged, not the query string (which can carry
a comment's signed token or search terms), and no message here includes an e-mail
address or a comment's text. A path that is itself a signed token (a reader's unsubscribe
link, a "Your comments" confirmation, a moderator's mail link) is logged without it: a
signature hides nothing, and the first two carry the reader's address.
"""

import json
import logging
import re

# The addresses whose last part is a signed token (comments/urls.py); the token is replaced by "…".
SIGNED_PATH = re.compile(r"(/(?:mail/unsubscribe|your-comments/(?:copy|erase)|moderate)/)[^/\s\"]+")


def without_tokens(text: str) -> str:
    return SIGNED_PATH.sub(r"\1…", text)


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": without_tokens(record.getMessage()),  # django.request's names the path
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            fields["method"] = request.method
            fields["path"] = without_tokens(request.path)
        status = getattr(record, "status_code", None)
        if status is not None:
            fields["status"] = status
        if record.exc_info:
            fields["error"] = self.formatException(record.exc_info).replace("\n", " | ")
        return " ".join(f"{key}={json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
