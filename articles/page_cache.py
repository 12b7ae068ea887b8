"""Cached article pages: the shared page, the versions that retire them, and the article as a page shows it.

The shared page is what every reader who carries none of this site's cookies gets for an
address without a query string: the same bytes for all of them (the comment form holds no
per-reader value), so Django keeps it whole and any HTTP cache in front (nginx, a CDN) may hold
it for SHARED_MAX_AGE_SECONDS. A reader who carries one of the site's cookies, or asks with a
query string (`?replytocom=`, `?unapproved=`, a comment page), gets a page rendered for them
alone, marked private.

Any save or delete of an article or a part, or an edit of a person, makes the article's stored body again
(articles.article_body), which bumps one content version (so does a change to its related articles); a comment
change bumps its article's comment version. The versions live in the shared cache ("default"),
so every worker sees a bump at once. The HTML lives in each worker's own "pages" cache, stored
with the versions it was rendered under and checked against them on every read: an edit or a
moderation decision retires it in every worker at once. A short timeout bounds what changes
with the clock alone (a scheduled article going live, comments closing by age).

A personal page is the page's frame (everything around the comment section, the same for every
reader) kept the same way, joined with a comment section rendered for that reader alone.
"""

import hashlib
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from .models import Article

TIMEOUT_SECONDS = 300
CONTENT_VERSION_KEY = "articles:content-version"
# Shared caches keep the page a few seconds: at thousands of readers a second that takes nearly
# every request off Django, while an approval or an edit reaches their readers within seconds.
SHARED_MAX_AGE_SECONDS = 5
# A shared cache may answer with a page up to a minute old while it fetches the new one (a slow
# or restarting Django is not felt); a minute, not more: this is medical information.
STALE_WHILE_REVALIDATE_SECONDS = 60
SHARED_HEADERS = {
    "Cache-Control": (
        f"public, max-age=0, s-maxage={SHARED_MAX_AGE_SECONDS}, stale-while-revalidate={STALE_WHILE_REVALIDATE_SECONDS}"
    ),
    # A cache that does not know the site's cookies must not hand this page to a reader who has one.
    "Vary": "Cookie",
}
# Cookies the apps set that change what a page shows (Django's own are added in site_cookies()).
_REGISTERED_COOKIES: list[str] = []


def register_personal_cookie(name: str) -> None:
    """Declare a cookie an app sets: a reader who carries it gets a page of their own."""
    if name not in _REGISTERED_COOKIES:
        _REGISTERED_COOKIES.append(name)


def site_cookies() -> tuple[str, ...]:
    """Every cookie this site sets: the session, the CSRF and messages cookies, and the apps' own.

    The one list of what makes a page personal; a proxy's cache in front reads it too. Any other
    cookie (an analytics or consent script's) is the browser's business and changes nothing.
    """
    return (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, CookieStorage.cookie_name, *_REGISTERED_COOKIES)


def is_shared(request) -> bool:
    """Whether this request gets the shared page: a plain read by someone with none of the site's cookies."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not any(name in request.COOKIES for name in site_cookies())
    )


def clock_bucket() -> int:
    """The current five-minute slot: what changes with time alone is at most this old."""
    return int(time.time() // TIMEOUT_SECONDS)


def page_time() -> int:
    """When a page rendered now says it was made: the start of its slot, the same in every worker."""
    return clock_bucket() * TIMEOUT_SECONDS


def _version(key: str) -> str:
    """The version stored under `key`; a new random one if the shared cache lost it.

    Never a fixed default: a worker may still hold pages stored with an earlier version, and a
    version that came back to an old value would serve them again.
    """
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key) or uuid.uuid4().hex
    return version


def _bump(key: str) -> None:
    """A new version now, and another when the transaction commits.

    A page rendered between the two still read the old rows (the change was not committed)
    but would be kept under the new version; the second bump retires it.
    """

    def bump():
        cache.set(key, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


@contextmanager
def content_version_kept():
    """The content version as it was before the block: for work rolled back whole (a dry run),
    whose saves bumped it at once (their commit-time bumps never run), retiring every kept page."""
    kept = cache.get(CONTENT_VERSION_KEY)
    try:
        yield
    finally:
        if kept is None:
            cache.delete(CONTENT_VERSION_KEY)
        else:
            cache.set(CONTENT_VERSION_KEY, kept, timeout=None)


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


def personal_etag(request, *, versions: tuple[str, str]) -> str:
    """What one reader's own page depends on, known before rendering it: if all is unchanged, 304.

    The content and comment versions, who asks (staff see previews), the site's cookies (what
    they put in the page) and the clock slot. Weak: the page is private, never compared byte
    for byte by anyone else.
    """
    parts = [
        *versions,
        str(request.user.pk or "anonymous"),
        *(request.COOKIES.get(name, "") for name in site_cookies()),
        str(clock_bucket()),
    ]
    return 'W/"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def mark_personal(response: HttpResponse) -> HttpResponse:
    """One reader's page: their browser may keep it (and revalidate it), no shared cache may."""
    patch_cache_control(response, private=True, no_cache=True)  # a preview's no-store stays
    patch_vary_headers(response, ["Cookie"])
    return response


def conditional(request, response: HttpResponse, etag: str) -> HttpResponse:
    """`response` with its ETag, or the 304 (412) that Django's conditional rules answer instead."""
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


@dataclass(frozen=True)
class SharedPage:
    article_id: int
    versions: tuple[str, str]  # content, comments (page_versions) read before it was rendered
    body: bytes
    etag: str  # strong: the hash of the bytes, so every worker that renders them names them alike

    def response(self, request) -> HttpResponse:
        return conditional(request, HttpResponse(self.body, headers=SHARED_HEADERS), self.etag)


def _address_key(kind: str, request, slug: str) -> str:
    # The host and scheme appear in the canonical link: a site reached by two names keeps two.
    address = hashlib.sha256(f"{request.scheme}://{request.get_host()}/{slug}".encode()).hexdigest()[:32]
    return f"articles:{kind}:{clock_bucket()}:{address}"


def shared_page(request, slug: str) -> SharedPage | None:
    """The shared page kept for this address, unless an edit or a moderation decision retired it."""
    page = caches["pages"].get(_address_key("page", request, slug))
    if page is None or page.versions != page_versions(page.article_id):
        return None
    return page


def keep_shared_page(request, slug: str, article_id: int, versions_seen: tuple[str, str], body: bytes) -> SharedPage:
    """Keep a freshly rendered shared page for the next readers, and return it.

    `versions_seen` are the versions read before rendering: a change made meanwhile makes them
    differ from the current ones, and the page is never served again.
    """
    page = SharedPage(article_id, versions_seen, body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
    caches["pages"].set(_address_key("page", request, slug), page, timeout=TIMEOUT_SECONDS)
    return page


# What the comment section reads of its article: a kept frame carries these fields and no other.
FRAME_ARTICLE_FIELDS = ("id", "slug", "title", "comments_open", "published_at")


@dataclass(frozen=True)
class Frame:
    """An article's page around its comment section, split where the section goes.

    The same for every reader of that article at those versions in that clock slot, so it is
    rendered once and kept; each page joins it with a comment section: `head + section + tail`.
    A staff preview (`is_preview`) and a refused post's page (its title says "Error") are
    rendered per request and never kept.
    """

    article: Article
    versions: tuple[str, str]  # content, comments (page_versions) read before it was rendered
    head: bytes  # bytes, encoded once: only the comment section is encoded per page
    tail: bytes
    is_preview: bool = False

    def page(self, comment_section: str) -> bytes:
        return self.head + comment_section.encode() + self.tail


def frame(request, slug: str) -> Frame | None:
    """The frame kept for this address: with it, a personal page needs no query for the article."""
    kept = caches["pages"].get(_address_key("frame", request, slug))
    if kept is None or kept.versions != page_versions(kept.article.pk):
        return None
    return kept


def keep_frame(request, slug: str, rendered: Frame) -> None:
    """Keep a published article's frame for the next readers of this address.

    Its article is cut to FRAME_ARTICLE_FIELDS (Model.from_db: any other field would cost a
    query when read, never show a wrong value), so that reading the frame back stays cheap.
    """
    names = [field.attname for field in Article._meta.concrete_fields if field.attname in FRAME_ARTICLE_FIELDS]
    article = Article.from_db(None, names, [getattr(rendered.article, name) for name in names])
    kept = Frame(article, rendered.versions, rendered.head, rendered.tail)
    caches["pages"].set(_address_key("frame", request, slug), kept, timeout=TIMEOUT_SECONDS)
