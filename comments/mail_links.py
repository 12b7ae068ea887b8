"""The signed links in the moderators' mail: Approve, Spam, Remove or Reply to one waiting comment.

Each link names one comment, one action and the one moderator it was mailed to, signed with
django.core.signing under a salt of its own (a link is worth nothing as another kind of token,
and no other token is worth anything here). A link is good for MAX_AGE; after that, or once its
moderator lost the right to moderate, it does nothing (comments.mail_link_views says why).
This module only makes and reads links, so the mail (comments.notifications) can import it
without the admin.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from infusion_site.site_address import absolute_url

from .models import Comment

SALT = "comments.mail_links"
MAX_AGE = timedelta(days=7)  # how long a link in a moderator's mail works; the page and the mail quote it
# The actions in the order the mail lists them, with the status each gives (Reply approves too,
# as the admin's "Approve and reply" does).
ACTIONS = {
    "approve": ("Approve", Comment.Status.APPROVED),
    "spam": ("Spam", Comment.Status.SPAM),
    "remove": ("Remove", Comment.Status.REMOVED),
    "reply": ("Reply", Comment.Status.APPROVED),
}


class Refused(Exception):
    """A link that cannot act, with the reason a moderator reads and the HTTP status of the page."""

    def __init__(self, reason: str, status: int):
        super().__init__(reason)
        self.reason, self.status = reason, status


@dataclass(frozen=True)
class MailLink:
    comment: Comment
    action: str
    moderator: object  # the user the link was mailed to

    @property
    def label(self) -> str:
        return ACTIONS[self.action][0]

    @property
    def status(self) -> str:
        return ACTIONS[self.action][1]


def link(comment: Comment, action: str, moderator) -> str:
    """The absolute address (on SITE_URL) of one action on `comment` for `moderator`."""
    token = signing.dumps({"comment": comment.pk, "action": action, "moderator": moderator.pk}, salt=SALT)
    return absolute_url(reverse("comments:mail-link", args=[token]))


def links(comment: Comment, moderator) -> list[tuple[str, str]]:
    """(label, address) of every action, in the mail's order."""
    return [(label, link(comment, action, moderator)) for action, (label, _) in ACTIONS.items()]


def read(token: str) -> MailLink:
    """The comment, action and moderator a link names; raises Refused when it is expired or not ours."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        comment_id, action, moderator_id = int(payload["comment"]), payload["action"], int(payload["moderator"])
    except signing.SignatureExpired:
        raise Refused(
            f"This link is more than {MAX_AGE.days} days old and no longer works: "
            "decide on the comment in the moderation queue.",
            410,
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Refused(
            "This link is damaged (perhaps cut by the mail program): open the comment from the moderation queue.",
            400,
        ) from None
    if action not in ACTIONS:
        raise Refused("This link asks for an action the site does not know.", 400)
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    moderator = get_user_model().objects.filter(pk=moderator_id).first()
    if comment is None:
        raise Refused("This comment has been deleted since the mail was sent.", 404)
    if moderator is None:
        raise Refused("The moderator this link was sent to no longer has an account.", 403)
    return MailLink(comment=comment, action=action, moderator=moderator)
