"""E-mail to moderators when comments wait. A mail failure is logged, never shown to the reader.

Each moderator gets their own mail: its Approve, Spam, Remove and Reply links (comments.mail_links)
are signed for them alone, so a link acts only while that person may still moderate.

Links in a mail start with the site's configured address (SITE_URL), never with the Host of
the request that caused the mail: that header is the client's to write.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import ngettext

from infusion_site.site_address import absolute_url

from . import mail_links
from .models import Comment

logger = logging.getLogger(__name__)
MODERATORS_GROUP = "Moderators"
QUOTED_CHARS = 500  # of a comment, in its mail
LINKS_NOTE = (
    f"(Each link opens a page that asks before it acts; they are yours alone and work for "
    f"{mail_links.MAX_AGE.days} days.)\n"
)

CRISIS_MARK = "[Possible crisis] "


def moderators() -> list:
    """Active staff with an address in the Moderators group, or the superusers if that group is empty.

    One query (each post that waits asks): the members and the superusers, each marked a member or not.
    """
    member = Exists(Group.objects.filter(user=OuterRef("pk"), name=MODERATORS_GROUP))
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    people = list(users.annotate(member=member).filter(Q(member=True) | Q(is_superuser=True)))
    return sorted([p for p in people if p.member] or people, key=lambda person: person.email)


def queue_url() -> str:
    return absolute_url(reverse("admin:comments_comment_changelist"))


def notify_comment_waiting(comment: Comment) -> None:
    """One mail about one comment; names the article and the reason, not the author's address."""

    def body(moderator) -> str:
        return (
            f"A comment by {comment.name} on “{comment.article}” is waiting for moderation.\n"
            f"{crisis_note(comment)}"
            f"Reason: {comment.status_reason}\n\n"
            f"{quoted(comment.body)}\n\n"
            f"{decision_links(comment, moderator)}"
            f"Open this comment: {absolute_url(reverse('admin:comments_comment_change', args=[comment.pk]))}\n"
            f"Moderation queue: {queue_url()}\n"
        )

    _send(f"{crisis_mark(comment)}Comment waiting on “{comment.article}”", body)


def crisis_mark(comment: Comment) -> str:
    """What starts a mail's subject or a digest's line about a comment that may be a person in crisis."""
    return CRISIS_MARK if comment.crisis_phrase else ""


def crisis_note(comment: Comment) -> str:
    if not comment.crisis_phrase:
        return ""
    return (
        f"Possible crisis: it contains “{comment.crisis_phrase}” and the article is in a mental-health topic. "
        "Please read it soon. Its author was shown the site's crisis help.\n"
    )


def decision_links(comment: Comment, moderator) -> str:
    """The comment's signed links for this moderator, one a line, and what they do."""
    lines = [f"{label}: {address}" for label, address in mail_links.links(comment, moderator)]
    return "\n".join([*lines, LINKS_NOTE, ""])


def _when(moment) -> str:
    """A time in the site's time zone and date format, as the site and the admin show it."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def quoted(body: str) -> str:
    """The comment as its mail shows it: whole, or its start and a word that it was cut."""
    start = Truncator(body).chars(QUOTED_CHARS)
    return body if start == body else f"{start} (cut: the whole comment is on its page in the admin)"


def send_digest() -> int:
    """One mail listing every comment that waits; returns how many were listed."""
    waiting = list(Comment.objects.pending().select_related("article").order_by("created_at"))
    waiting.sort(key=lambda c: not c.crisis_phrase)  # a possible crisis first, as in the queue
    if waiting:
        subject = ngettext(
            "%(count)d comment waiting for moderation", "%(count)d comments waiting for moderation", len(waiting)
        )

        def body(moderator) -> str:
            entries = [
                f"- {crisis_mark(c)}{c.name} on “{c.article}”, {_when(c.created_at)}: {c.status_reason}\n\n"
                f"{quoted(c.body)}\n\n{decision_links(c, moderator)}"
                for c in waiting
            ]
            return "\n".join([*entries, f"Moderation queue: {queue_url()}", ""])

        _send(subject % {"count": len(waiting)}, body)
    return len(waiting)


def _send(subject: str, body) -> None:
    """One mail to each moderator, `body(moderator)` its text (its links are theirs), over one connection."""
    people = moderators()
    if not people:
        logger.warning("No moderator has an e-mail address; nobody was told that comments wait.")
        return
    try:
        get_connection().send_messages([EmailMessage(subject, body(person), to=[person.email]) for person in people])
    except Exception:  # any backend failure (SMTP, DNS, refused): the comment is saved, the reader sees no error
        logger.exception("Could not e-mail the moderators about waiting comments.")
