"""Form posts in a character encoding other than UTF-8 get a 400 page before anything reads them.

Django refuses such a post (`application/x-www-form-urlencoded; charset=iso-8859-1`) with
BadRequest when `request.POST` is first read, but, unlike its other parse errors, does not
mark the body as unreadable. Its error views are wrapped in `requires_csrf_token`, whose CSRF
check reads `request.POST` again: the 400 view fails, then the 500 view, and the reader gets
the server's blank 500. Refusing here, ahead of the CSRF middleware and every view, answers
every form (the admin's, the comment form, the editor's preview) the same way.
"""

from django.core.exceptions import SuspiciousOperation
from django.http import QueryDict
from django.shortcuts import render

from comments.views import article_posted_to

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def refuse_non_utf8_forms(get_response):
    def middleware(request):
        if request.method == "POST" and _is_non_utf8_form(request):
            context = {"kept_text": _kept_text(request), "article": article_posted_to(request)}
            return render(request, "400_form_encoding.html", context, status=400)
        return get_response(request)

    return middleware


def _is_non_utf8_form(request) -> bool:
    """The same test as Django's: a form body with a known charset other than "utf-8"."""
    return request.content_type == FORM_CONTENT_TYPE and (request.encoding or "utf-8").lower() != "utf-8"


def _kept_text(request) -> str:
    """The comment's text, decoded in the charset the browser named, so the reader can copy it."""
    try:
        return QueryDict(request.body, encoding=request.encoding).get("body", "")
    except (SuspiciousOperation, OSError):  # too big, too many fields, or the connection broke
        return ""
    except LookupError:  # a codec Python knows that is no text encoding ("base64", "rot13")
        return ""
