"""The rendered article body, cached for every reader, and the versions that invalidate it.

What is cached is the same for everyone: the <article> with its parts. Any save or delete
of an article, a part or a person bumps one content version, which retires every cached
body at once (editors save rarely; readers read often); a short timeout bounds what changes
with the clock alone (a related article going live). Comment changes bump their article's
comment version, which changes the page's ETag.

The versions live in the shared cache ("default"), so every worker sees a bump at once. The
HTML lives in each worker's own "pages" cache under keys that carry the versions: a key's
content never changes, so no worker can serve a page an edit has retired.
"""

import hashlib
import time
import uuid

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils.http import parse_etags

from .models import Article

BODY_TIMEOUT_SECONDS = 300
CONTENT_VERSION_KEY = "articles:content-version"
# Cookies whose value changes what a page shows (other apps register theirs).
PERSONAL_COOKIES: list[str] = []


def register_personal_cookie(name: str) -> None:
    """Declare a cookie that changes the page (a form filled in from it): it is part of the ETag."""
    if name not in PERSONAL_COOKIES:
        PERSONAL_COOKIES.append(name)


def clock_bucket() -> int:
    """The current five-minute slot: what changes with time alone is at most this old."""
    return int(time.time() // BODY_TIMEOUT_SECONDS)


def _version(key: str) -> str:
    """The version stored under `key`; a new random one if the shared cache lost it.

    Never a fixed default: a worker may still hold pages keyed by an earlier version, and a
    version that came back to an old value would serve them again.
    """
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key) or uuid.uuid4().hex
    return version


def content_version() -> str:
    return _version(CONTENT_VERSION_KEY)


def _bump(key: str) -> None:
    """A new version now, and another when the transaction commits.

    A page rendered between the two still read the old rows (the change was not committed)
    but would be kept under the new version; the second bump retires it.
    """

    def bump():
        cache.set(key, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def bump_content_version(**signal_kwargs) -> None:
    _bump(CONTENT_VERSION_KEY)


def _comments_key(article_id: int) -> str:
    return f"articles:comments-version:{article_id}"


def bump_comments_version(article_id: int) -> None:
    _bump(_comments_key(article_id))


def page_versions(article_id: int) -> tuple[str, str]:
    """The content and the comment version of an article's page, in one trip to the shared cache."""
    comments_key = _comments_key(article_id)
    found = cache.get_many([CONTENT_VERSION_KEY, comments_key])
    return (
        found.get(CONTENT_VERSION_KEY) or _version(CONTENT_VERSION_KEY),
        found.get(comments_key) or _version(comments_key),
    )


def page_etag(request, *, versions: tuple[str, str]) -> str:
    """What a reader's copy of an article page depends on: if all of it is unchanged, 304.

    The content and comment versions, who asks (staff see previews), the registered cookies
    (what they put in the page), and a five-minute clock bucket for what changes with time
    alone (scheduled articles going live, comments closing by age).
    """
    parts = [
        *versions,
        str(request.user.pk or "anonymous"),
        *(request.COOKIES.get(name, "") for name in PERSONAL_COOKIES),
        str(clock_bucket()),
    ]
    # Weak: readers' copies differ in their form tokens, not in what they show.
    return 'W/"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def not_modified(request, etag: str) -> HttpResponseNotModified | None:
    """A 304 if the browser's If-None-Match holds `etag` (weak comparison, RFC 9110), else None."""
    wanted = etag.removeprefix("W/")
    held = parse_etags(request.headers.get("If-None-Match", ""))
    if not any(tag == "*" or tag.removeprefix("W/") == wanted for tag in held):
        return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response


def article_body(article: Article) -> str:
    """The rendered <article>, from the cache when it is there (no query for the parts then)."""
    key = f"articles:body:{content_version()}:{article.pk}"
    html = caches["pages"].get(key)
    if html is None:
        prefetch_related_objects(
            [article],
            "takeaways",
            "sections",
            "faqs",
            "references",
            Prefetch(
                "related_articles",
                queryset=Article.objects.published().only("title", "slug", "summary"),
                to_attr="published_related_articles",
            ),
        )
        html = render_to_string("articles/includes/article_body.html", {"article": article})
        caches["pages"].set(key, html, timeout=BODY_TIMEOUT_SECONDS)
    return html
