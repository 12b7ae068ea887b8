"""The remembered-details cookie: what a reader who ticked "Save my name, email, and website…" carries.

This module is the one home of the cookie: its name, its format, reading it and writing it.
It holds JSON: the name, email and website that fill in the form next time, and a signed list
of the reader's own comments that still wait for moderation, so that this browser (and no
other) keeps seeing them, as WordPress shows a waiting comment to its cookie holder. It is set
only with the reader's consent; posting without the box ticked deletes it.

A browser may send anything back: reading never fails. A cookie that does not parse, or a
value that is not short, plain text, is ignored.

It is also the home of the own-words cookie (OWN_COOKIE_NAME): what lets the browser that posted
a comment edit or delete it for CHANGE_WINDOW after posting, with no account. It is set on every
post, consent or not (it is what the reader just did, and it is gone within the window), and
holds signed pairs of a comment's id and a hash of its text: a comment whose text changed since
(a moderator's edit) is no longer this browser's to change, and a copied cookie names only the
comments it was made for.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import ngettext

from .forms import CommentForm
from .models import Comment

COOKIE_NAME = "comment_author"
MAX_AGE_SECONDS = 365 * 24 * 60 * 60
DETAILS = ("name", "email", "website")
PENDING_SALT = "comments.remembered-pending"
MAX_PENDING = 20  # the newest waiting comments a browser keeps seeing; keeps the cookie small
OWN_COOKIE_NAME = "comment_own"
OWN_SALT = "comments.own-words"
CHANGE_MINUTES = 15  # from posting: how long its author may edit or delete a comment; pages quote it
CHANGE_WINDOW = timedelta(minutes=CHANGE_MINUTES)


@dataclass(frozen=True)
class RememberedAuthor:
    name: str = ""
    email: str = ""
    website: str = ""
    pending_ids: tuple[int, ...] = ()

    def form_initial(self) -> dict:
        """The "Leave a Reply" form's initial values: the details, and the consent box ticked."""
        return {"name": self.name, "email": self.email, "website": self.website, "remember": True}


def read(request) -> RememberedAuthor | None:
    """What the reader's browser remembers, or None if it remembers nothing usable."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        stored = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested beyond the parser's depth
        return None
    if not isinstance(stored, dict):
        return None
    # Longer than the form accepts is junk, not a detail to fill in.
    details = {key: _text(stored.get(key), CommentForm.base_fields[key].max_length) for key in DETAILS}
    return RememberedAuthor(**details, pending_ids=_pending_ids(stored.get("pending")))


def remember(response, *, name: str, email: str, website: str, pending_ids: tuple[int, ...] = ()) -> None:
    """Keep the details (and the reader's waiting comments) in the browser for a year."""
    stored = {"name": name, "email": email, "website": website}
    if pending_ids:
        stored["pending"] = signing.dumps(list(kept_pending(pending_ids)), salt=PENDING_SALT)
    response.set_cookie(
        COOKIE_NAME,
        json.dumps(stored),
        max_age=MAX_AGE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def kept_pending(pending_ids: tuple[int, ...]) -> tuple[int, ...]:
    """The waiting comments a browser keeps seeing: the newest MAX_PENDING."""
    return tuple(pending_ids[-MAX_PENDING:])


def forget(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")


def _text(value, limit: int) -> str:
    """`value` if it is text the page can show (no lone surrogates) within `limit`, else ""."""
    if not isinstance(value, str) or len(value) > limit:
        return ""
    try:
        value.encode()
    except UnicodeEncodeError:
        return ""
    return value


def _pending_ids(token) -> tuple[int, ...]:
    if not isinstance(token, str):
        return ()
    try:
        ids = signing.loads(token, salt=PENDING_SALT)
    except signing.BadSignature:
        return ()
    if not isinstance(ids, list) or not all(isinstance(pk, int) and not isinstance(pk, bool) for pk in ids):
        return ()
    return kept_pending(tuple(ids))


def text_hash(body: str) -> str:
    """What the own-words cookie binds a comment's text by: any change to the text breaks the bond."""
    return hashlib.sha256(body.encode()).hexdigest()[:32]


def own_comments(request) -> dict[int, str]:
    """The comments this browser posted within CHANGE_WINDOW: id -> the hash of the text it posted (or edited to).

    The signature's age bounds a copied or kept cookie; may_change() checks each comment's own window.
    """
    token = request.COOKIES.get(OWN_COOKIE_NAME)
    if not token:
        return {}
    try:
        pairs = signing.loads(token, salt=OWN_SALT, max_age=CHANGE_WINDOW)
    except signing.BadSignature:
        return {}
    if not isinstance(pairs, list):
        return {}
    return {
        pk: digest
        for pk, digest in (pair for pair in pairs if isinstance(pair, list) and len(pair) == 2)
        if isinstance(pk, int) and not isinstance(pk, bool) and isinstance(digest, str)
    }


def may_change(request, comment) -> bool:
    """Whether this request's browser may edit or delete `comment`: it posted it, the text is still
    what it posted (or last edited it to), the window is open and nobody removed it."""
    return (
        own_comments(request).get(comment.pk) == text_hash(comment.body)
        and change_time_left(comment) > timedelta(0)
        and comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM)
    )


def change_time_left(comment) -> timedelta:
    return comment.created_at + CHANGE_WINDOW - timezone.now()


def time_left_text(comment) -> str:
    """The time left, as the controls and pages say it; rounded up, so the last minute still reads "1 more minute"."""
    minutes = max(1, math.ceil(change_time_left(comment).total_seconds() / 60))
    return ngettext(
        "You can change this for %(count)d more minute.", "You can change this for %(count)d more minutes.", minutes
    ) % {"count": minutes}


def let_change(response, request, comment) -> None:
    """Let this browser change `comment` (just posted or edited) for the rest of its window.

    The cookie keeps this browser's other comments still within their window, and lasts one
    window from now: it outlives the newest comment's window by at most the time since it was posted.
    """
    kept = {pk: digest for pk, digest in own_comments(request).items() if pk != comment.pk} | {
        comment.pk: text_hash(comment.body)
    }
    response.set_cookie(
        OWN_COOKIE_NAME,
        signing.dumps([[pk, digest] for pk, digest in kept.items()], salt=OWN_SALT),
        max_age=int(CHANGE_WINDOW.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
