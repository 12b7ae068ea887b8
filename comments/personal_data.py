"""Personal data for guests: a copy, or the erasure, of the comments posted with an e-mail address.

Commenters have no account, so the address is the only thing that ties comments to a person.
Anyone may ask for any address; nothing happens until the link mailed to that address is
followed, so only whoever reads its mailbox gets a copy or erases anything. The page answers the
same whether the address is known or not, and mail goes only to an address with comments (the
site never mails a stranger who never used it). The same copy and erasure serve the comments'
admin actions. Every request and its outcome is logged in PersonalDataRequest, without the text
or the address.
"""

import logging
from datetime import timedelta

from django.contrib.sites.models import Site
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from infusion_site.site_address import absolute_url

from .models import Comment, DiscussionSettings, MutedAddress, PersonalDataRequest

logger = logging.getLogger(__name__)
Kind = PersonalDataRequest.Kind
Outcome = PersonalDataRequest.Outcome

LINK_MAX_AGE = timedelta(hours=24)  # how long a mailed link works: the mail, the pages and the README say so
# A link made for one purpose never passes for the other: each has its own salt, and the payload names it too.
SALTS = {Kind.COPY: "comments.personal_data.copy", Kind.ERASURE: "comments.personal_data.erasure"}
LINK_NAMES = {Kind.COPY: "comments:personal-data-copy", Kind.ERASURE: "comments:personal-data-erase"}
ERASED_NAME = "Anonymous"
# Markdown, rendered like any comment's text, where an erased comment's text was (unless the settings keep it).
ERASED_TEXT = "*This comment was removed at its author's request.*"
# Why the rules held it, after erasure: the reason quoted what matched (a crisis phrase, or a moderation-list
# entry that may be their address or IP), so it goes whether or not the text is kept.
ERASED_REASON = "Erased at its author's request."


def normalized(email: str) -> str:
    """The address as it is signed and logged: case and surrounding spaces never make two people
    (the same rule as a muted address's)."""
    return MutedAddress.normalized(email)


def email_hash(email: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of the address: the log can match requests, never read one."""
    return salted_hmac("comments.personal_data.log", normalized(email), algorithm="sha256").hexdigest()


def log(*, kind: str, outcome: str, email: str, comments: int = 0, moderator=None) -> None:
    PersonalDataRequest.objects.create(
        kind=kind, outcome=outcome, email_hash=email_hash(email), comments=comments, moderator=moderator
    )


def link_for(email: str, kind: str) -> str:
    """The confirmation link mailed for this request, on the site's address."""
    token = signing.dumps({"email": normalized(email), "kind": kind}, salt=SALTS[kind], compress=True)
    return absolute_url(reverse(LINK_NAMES[kind], kwargs={"token": token}))


class BadLink(Exception):
    """The link is damaged, made for something else, or too old (`expired`)."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "damaged")
        self.expired = expired


def email_in(token: str, kind: str) -> str:
    """The address a confirmation link was mailed to; raises BadLink.

    An expired link is logged against its address (read without the age check, once the
    signature is known to be good): the person may say they never received a working one.
    """
    try:
        payload = signing.loads(token, salt=SALTS[kind], max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=SALTS[kind])
        if isinstance(payload, dict) and isinstance(payload.get("email"), str):
            log(kind=kind, outcome=Outcome.LINK_EXPIRED, email=payload["email"])
        raise BadLink(expired=True) from None
    except signing.BadSignature:
        raise BadLink(expired=False) from None
    if not isinstance(payload, dict) or payload.get("kind") != kind or not payload.get("email"):
        raise BadLink(expired=False)
    return str(payload["email"])


def ask(*, email: str, kind: str) -> None:
    """A request from the "Your comments" page: mail the confirmation link if the address posted comments.

    The caller shows the same page whatever happens here, a mail failure included: what the page
    says must not tell whether the address is known.
    """
    if MutedAddress.is_muted(email):  # "never write to me" holds against anyone typing the address here too
        log(kind=kind, outcome=Outcome.MUTED, email=email)
        return
    count = Comment.objects.posted_with(normalized(email)).count()
    if not count:
        log(kind=kind, outcome=Outcome.NOTHING_KEPT, email=email)
        return
    site_name = Site.objects.get_current().name
    asked = {
        Kind.COPY: ngettext(
            "a copy of the comment posted on %(site)s with this address",
            "a copy of the %(count)d comments posted on %(site)s with this address",
            count,
        ),
        Kind.ERASURE: ngettext(
            "the erasure of the comment posted on %(site)s with this address",
            "the erasure of the %(count)d comments posted on %(site)s with this address",
            count,
        ),
    }[kind] % {"count": count, "site": site_name}
    hours = int(LINK_MAX_AGE.total_seconds() // 3600)
    body = (
        f"Someone (we hope it was you) asked for {asked}.\n\n"
        f"To go on, open this link within {hours} hours and press the button on its page:\n"
        f"{link_for(email, kind)}\n\n"
        "If you did not ask, ignore this mail: nothing happens unless the link is opened and the button pressed.\n"
    )
    try:
        send_mail(f"Your comments on {site_name}: confirm your request", body, None, [email.strip()])
    except Exception:  # any backend failure: logged for the operator, the page says the same as ever
        logger.exception("Could not mail a personal data confirmation link.")
        log(kind=kind, outcome=Outcome.MAIL_FAILED, email=email, comments=count)
        return
    log(kind=kind, outcome=Outcome.LINK_SENT, email=email, comments=count)


def copy(email: str, *, moderator=None) -> dict:
    """What the site holds about the comments posted with this address, for a JSON file.

    Only that person's comments and their own details: not the article's other comments, nor
    the name of whom they replied to.
    """
    comments = Comment.objects.posted_with(normalized(email)).select_related("article").order_by("created_at", "id")
    entries = [
        {
            "posted_at": comment.created_at.isoformat(),
            "article": comment.article.title,
            "article_address": absolute_url(comment.article.get_absolute_url()),
            "status": comment.get_status_display(),
            "name": comment.name,
            "email": comment.email,
            "website": comment.website,
            "text": comment.body,
            "ip_address": comment.ip_address,
            "browser": comment.user_agent,
        }
        for comment in comments
    ]
    log(kind=Kind.COPY, outcome=Outcome.COPIED, email=email, comments=len(entries), moderator=moderator)
    return {
        "site": absolute_url("/"),
        "email": normalized(email),
        "made_at": timezone.now().isoformat(),
        "comments": entries,
    }


@transaction.atomic
def erase(email: str, *, moderator=None) -> int:
    """Anonymise every comment posted with this address; returns how many. Idempotent: a second
    erasure finds none (the address is gone from them).

    Name, address, website, IP address, browser, the ask for mail and why the rules held it (its
    reason quotes what matched) are cleared; the text (and the crisis phrase quoted from it) is
    replaced unless the Discussion settings keep it. A muted address
    stays muted: it is the person's own "never write to me". Each comment is saved on its own, as a
    moderation decision is, so its fragment is made again and its signals retire the pages that show it.
    """
    address = normalized(email)
    erased = 0
    keep_text = DiscussionSettings.get_solo().erasure_keeps_text
    if address:
        for comment in Comment.objects.posted_with(address).select_related("parent"):
            comment.name, comment.email, comment.website = ERASED_NAME, "", ""
            comment.ip_address, comment.user_agent = None, ""
            comment.notify_author = False  # no address left to write to (a MutedAddress, if any, stays)
            comment.status_reason = ERASED_REASON
            fields = ["name", "email", "website", "ip_address", "user_agent", "notify_author", "status_reason"]
            if not keep_text:
                comment.body = ERASED_TEXT
                comment.crisis_phrase = ""  # words of theirs, kept for the moderators' badge
                fields += ["body", "crisis_phrase"]
            comment.save(update_fields=fields)
            erased += 1
    log(kind=Kind.ERASURE, outcome=Outcome.ERASED, email=email, comments=erased, moderator=moderator)
    return erased
