"""HEAD answers with the headers GET would have, and no body (RFC 9110, 9.3.2).

Django renders a page for HEAD as for GET and leaves dropping the body to the server.
gunicorn drops it, but logs a warning each time: every uptime monitor's HEAD request would
bury the warnings that matter.
"""


def head_without_body(get_response):
    def middleware(request):
        response = get_response(request)
        if request.method == "HEAD" and not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)  # what GET would send
        return response

    return middleware
