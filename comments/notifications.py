"""E-mail to moderators when comments wait. A mail failure is logged, never shown to the reader.

Links in a mail start with the site's configured address (SITE_URL), never with the Host of
the request that caused the mail: that header is the client's to write.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import ngettext

from infusion_site.site_address import absolute_url

from .models import Comment

logger = logging.getLogger(__name__)
MODERATORS_GROUP = "Moderators"
QUOTED_CHARS = 500  # of a comment, in its mail
CRISIS_MARK = "[Possible crisis] "


def moderator_addresses() -> list[str]:
    """Active staff in the Moderators group, or the superusers if that group is empty.

    One query (each post that waits asks): the members and the superusers, with their groups.
    """
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    rows = users.filter(Q(groups__name=MODERATORS_GROUP) | Q(is_superuser=True)).values_list("email", "groups__name")
    moderators = {email for email, group in rows if group == MODERATORS_GROUP}
    return sorted(moderators or {email for email, _ in rows})


def queue_url() -> str:
    return absolute_url(reverse("admin:comments_comment_changelist"))


def notify_comment_waiting(comment: Comment) -> None:
    """One mail about one comment; names the article and the reason, not the author's address."""
    body = (
        f"A comment by {comment.name} on “{comment.article}” is waiting for moderation.\n"
        f"{crisis_note(comment)}"
        f"Reason: {comment.status_reason}\n\n"
        f"{quoted(comment.body)}\n\n"
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
        lines = [
            f"- {crisis_mark(c)}{c.name} on “{c.article}”, {_when(c.created_at)}: {c.status_reason}" for c in waiting
        ]
        subject = ngettext(
            "%(count)d comment waiting for moderation", "%(count)d comments waiting for moderation", len(waiting)
        )
        _send(
            subject % {"count": len(waiting)},
            "\n".join([*lines, "", f"Moderation queue: {queue_url()}", ""]),
        )
    return len(waiting)


def _send(subject: str, body: str) -> None:
    recipients = moderator_addresses()
    if not recipients:
        logger.warning("No moderator has an e-mail address; nobody was told that comments wait.")
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # any backend failure (SMTP, DNS, refused): the comment is saved, the reader sees no error
        logger.exception("Could not e-mail the moderators about waiting comments.")
