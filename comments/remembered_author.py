"""The remembered-details cookie: what a reader who ticked "Save my name, email, and website…" carries.

This module is the one home of the cookie: its name, its format, reading it and writing it.
It holds JSON: the name, email and website that fill in the form next time, and a signed list
of the reader's own comments that still wait for moderation, so that this browser (and no
other) keeps seeing them, as WordPress shows a waiting comment to its cookie holder. It is set
only with the reader's consent; posting without the box ticked deletes it.

A browser may send anything back: reading never fails. A cookie that does not parse, or a
value that is not short, plain text, is ignored.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from .forms import CommentForm

COOKIE_NAME = "comment_author"
MAX_AGE_SECONDS = 365 * 24 * 60 * 60
DETAILS = ("name", "email", "website")
PENDING_SALT = "comments.remembered-pending"
MAX_PENDING = 20  # the newest waiting comments a browser keeps seeing; keeps the cookie small


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
