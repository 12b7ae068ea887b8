"""Mail to readers who asked for it: their comment is published, someone replied to it.

Only about comments the moderators (or their rules) approved, so the site never mails anyone
text nobody vetted. A reader opts in with the box under the form (`Comment.notify_author`,
off by default); the choice is asked with every comment, never remembered by the browser, so
a box ticked once on a shared computer does not sign the next person up.

At most one mail per event: `note_approved()` runs in the transaction that approves a comment
and writes a `ReaderMail` row per event before anything is sent; an undo and a second approval
find the row and send nothing. Mail goes out after commit; a failure is logged and the
moderator's action stands.

Every mail carries RFC 8058's one-click unsubscribe (`List-Unsubscribe` with an https address,
`List-Unsubscribe-Post`) and the same address in its text. There is no `mailto:` form: nobody
reads the site's mailbox for unsubscribe requests, and a mail client that prefers it would
send into the void. An address in `MutedAddress` gets nothing, whatever it ticks later.
"""

import logging

from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from infusion_site.site_address import absolute_url

from .models import Comment, MutedAddress, ReaderMail
from .notifications import quoted

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "comments.reader-mail.unsubscribe"
NOTIFY_LABEL = "Email me when my comment is published and when someone replies"
NOTIFY_HELP = (
    "Off unless you tick it. We write only once your comment, or a reply to it, is approved; once "
    "each time; and every mail has a link that stops it in one click."
)


def note_approved(comment: Comment) -> None:
    """`comment` is approved now: record and (after commit) send each mail this is the event of.

    Called inside the approving transaction by `services` (a post the rules publish, a decision
    of the queue, a staff reply). Its author hears that it is published, once; the author of
    the comment it replies to hears of the reply, once, unless they replied to themselves.
    A reply approved under a comment that is not shown is not shown either: nobody is told of it.
    """
    if comment.parent_id and not Comment.objects.shown().filter(pk=comment.pk).exists():
        return
    if comment.notify_author and _wants_mail(comment.email):
        _once(comment, ReaderMail.Event.PUBLISHED, lambda: _send_published(comment))
    parent = comment.parent
    if (
        parent is not None
        and parent.notify_author
        and MutedAddress.normalized(parent.email) != MutedAddress.normalized(comment.email)
        and _wants_mail(parent.email)
    ):
        _once(comment, ReaderMail.Event.REPLY, lambda: _send_reply(comment, parent))


def _wants_mail(email: str) -> bool:
    return bool(email) and not MutedAddress.is_muted(email)


def _once(comment: Comment, event: str, send) -> None:
    _, created = ReaderMail.objects.get_or_create(comment=comment, event=event)
    if created:
        transaction.on_commit(send)


def unsubscribe_token(comment: Comment) -> str:
    """The signed name of a subscription: the address and the comment it asked mail about."""
    return signing.dumps({"email": comment.email, "comment": comment.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[str, int]:
    """The address and comment id a token names; raises signing.BadSignature for anything else.

    No expiry: an unsubscribe link in a mail must work whenever the reader finds it.
    """
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        email, comment_id = data["email"], data["comment"]
    except (KeyError, TypeError) as error:
        raise signing.BadSignature("not an unsubscribe token") from error
    if not isinstance(email, str) or not isinstance(comment_id, int):
        raise signing.BadSignature("not an unsubscribe token")
    return email, comment_id


def set_subscribed(email: str, comment_id: int, *, subscribed: bool) -> None:
    """Mail about this comment on or off, if it is still this address's comment.

    An UPDATE, not a save: the flag shows on no page, so no page needs to be retired for it.
    """
    Comment.objects.filter(pk=comment_id, email__iexact=email).update(notify_author=subscribed)


def mute(email: str) -> None:
    MutedAddress.objects.get_or_create(email=MutedAddress.normalized(email))


def unsubscribe_url(comment: Comment) -> str:
    return absolute_url(reverse("comments:unsubscribe", kwargs={"token": unsubscribe_token(comment)}))


def _comment_url(comment: Comment) -> str:
    return absolute_url(comment.get_absolute_url())


def _send_published(comment: Comment) -> None:
    body = (
        f"Hello {comment.name},\n\n"
        f"Your comment on “{comment.article}” has been published:\n"
        f"{_comment_url(comment)}\n\n"
        f"{quoted(comment.body)}\n\n"
        "We will also write when someone replies to it.\n"
    )
    _deliver(comment, f"Your comment on “{comment.article}” is published", body)


def _send_reply(reply: Comment, parent: Comment) -> None:
    body = (
        f"Hello {parent.name},\n\n"
        f"{reply.name} replied to your comment on “{reply.article}”:\n"
        f"{_comment_url(reply)}\n\n"
        f"{quoted(reply.body)}\n"
    )
    _deliver(parent, f"{reply.name} replied to your comment on “{reply.article}”", body)


def _deliver(subscribed: Comment, subject: str, body: str) -> None:
    """Send to the author of `subscribed`, with the one-click unsubscribe of that subscription."""
    if MutedAddress.is_muted(subscribed.email):  # muted between the approval and its commit
        return
    address = unsubscribe_url(subscribed)
    body += (
        f"\n--\nYou get this because you ticked “{NOTIFY_LABEL}” under your comment.\n"
        f"Stop mail about this comment, or all mail from this site: {address}\n"
    )
    message = EmailMessage(
        subject,
        body,
        None,
        [subscribed.email],
        headers={"List-Unsubscribe": f"<{address}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    try:
        message.send()
    except Exception:  # any backend failure: the approval stands, the reader misses one mail
        logger.exception("Could not e-mail the author of comment %s: “%s”.", subscribed.pk, subject)
