"""Whole article pages for readers who carry nothing personal, served without rendering.

A reader with no session, no cookie but the CSRF one and no query string sees the same page
as every other such reader, except for the values of a few hidden inputs: the CSRF token,
and what other apps register (the comment form's signed timestamp). The page is kept in
the worker's "pages" cache with those values cut out, and each request gets fresh ones. The
key carries the clock bucket, and the stored page the content and comment versions it was
rendered under: they are checked against the shared cache in one trip on every request, so
an edit or a moderation decision retires it in every worker at once.

Anyone else (signed in, remembered comment details, `?replytocom=`, a waiting comment's
`?unapproved=` link, a preview) gets the page rendered for them alone.
"""

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

# Django's own check that a masked token belongs to a secret (private, pinned with Django).
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _does_token_match, get_token
from django.utils.html import escape

from .page_cache import BODY_TIMEOUT_SECONDS, clock_bucket, not_modified, page_versions

logger = logging.getLogger(__name__)
# Hidden input name -> its value for this request and article (request, article id).
PERSONAL_INPUTS: dict[str, Callable[[object, int], str]] = {
    "csrfmiddlewaretoken": lambda request, article_id: get_token(request),
}
_HIDDEN_INPUT_VALUE = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')


def register_personal_input(name: str, value: Callable[[object, int], str]) -> None:
    """Declare a hidden input whose value differs per reader: it is filled in per request."""
    PERSONAL_INPUTS[name] = value


@dataclass(frozen=True)
class StoredPage:
    article_id: int
    versions: tuple[str, str]  # content, comments (page_cache.page_versions)
    etag: str
    # Encoded text and input names in turn: text, name, text, name, ..., text.
    parts: tuple[bytes | str, ...]

    def response(self, request) -> HttpResponse:
        if unchanged := not_modified(request, self.etag):
            return unchanged
        pieces = list(self.parts)
        for index in range(1, len(pieces), 2):
            pieces[index] = escape(PERSONAL_INPUTS[pieces[index]](request, self.article_id)).encode()
        response = HttpResponse(b"".join(pieces))
        response["ETag"] = self.etag
        return response


def is_shared(request) -> bool:
    """Whether this request's page is the one every reader without cookies gets."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}
        and not request.user.is_authenticated
    )


def key_for(request, slug: str) -> str:
    """Where this address's shared page is kept."""
    # The host and scheme appear in the canonical link: a site reached by two names keeps two.
    address = hashlib.sha256(f"{request.scheme}://{request.get_host()}/{slug}".encode()).hexdigest()[:32]
    return f"articles:page:{clock_bucket()}:{address}"


def cached_response(request, key: str) -> HttpResponse | None:
    """The stored page, filled in for this reader; None if there is none or it is retired."""
    page = caches["pages"].get(key)
    if page is None or page.versions != page_versions(page.article_id):
        return None
    return page.response(request)


def store(request, key: str, article_id: int, versions_seen: tuple[str, str], response) -> None:
    """Keep a rendered 200 page for the next readers, its personal values cut out.

    `versions_seen` are the versions read before rendering: a change made meanwhile makes
    them differ from the current ones, and the page is never served. A page that still
    holds this reader's CSRF token anywhere else (a template that renders it another way)
    is not kept: it would hand the token to every reader.
    """
    if response.status_code != 200:
        return
    html = response.content.decode(response.charset)
    parts, start = [], 0
    for match in _HIDDEN_INPUT_VALUE.finditer(html):
        if match.group(1) in PERSONAL_INPUTS:
            parts += [html[start : match.start(2)], match.group(1)]
            start = match.end(2)
    parts.append(html[start:])
    if _holds_csrf_token("".join(parts[::2]), request):
        logger.warning("Article page not cached: it shows a CSRF token outside the form's hidden input.")
        return
    encoded = tuple(part.encode() if number % 2 == 0 else part for number, part in enumerate(parts))
    caches["pages"].set(
        key, StoredPage(article_id, versions_seen, response["ETag"], encoded), timeout=BODY_TIMEOUT_SECONDS
    )


def _holds_csrf_token(text: str, request) -> bool:
    secret = request.META.get("CSRF_COOKIE")
    if "csrfmiddlewaretoken" in text.replace('name="csrfmiddlewaretoken" value=""', ""):
        return True
    candidates = re.findall(rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}(?![A-Za-z0-9])", text)
    return bool(secret) and any(_does_token_match(candidate, secret) for candidate in candidates)
