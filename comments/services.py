"""Writes that touch several things at once: posting a comment, a staff reply, a moderation decision.

The comment view and the admin (its queue, row buttons, change form and undo) call these, so each
rule lives once. The management commands change no status: send_moderation_digest only reads,
and purge_comment_ips clears, in one UPDATE, the IP addresses and browsers that no page shows.
"""

from django.db import transaction
from django.db.models import QuerySet

from .models import Comment, DiscussionSettings
from .moderation import Submission, decide
from .notifications import notify_comment_waiting
from .reader_mail import note_approved


class DuplicateComment(Exception):
    """The same author already posted the same text on the same article (`comment`)."""

    def __init__(self, comment: Comment):
        super().__init__(comment.pk)
        self.comment = comment


def earlier_copy(*, article, email: str, body: str) -> Comment | None:
    """The comment this author already posted with this text here, unless a moderator or its author removed it."""
    return (
        Comment.objects.posted_with(email)
        .filter(article=article, body=body.strip())
        .exclude(status__in=[Comment.Status.REMOVED, Comment.Status.WITHDRAWN])
        .first()
    )


def post_comment(
    *,
    article,
    rules: DiscussionSettings,
    name: str,
    email: str,
    website: str,
    body: str,
    parent: Comment | None,
    ip_address: str | None,
    user_agent: str,
    notify_author: bool = False,
) -> Comment:
    """Decide, save and (after commit) tell the moderators; raises DuplicateComment.

    The Markdown is rendered once: the rules match their words against what readers will see,
    and the same HTML is stored. The rules only read, so they are applied before the
    transaction: on SQLite it holds the database's one write lock, and every other post waits
    for it.
    """
    body = body.strip()
    submission = Submission(name=name, email=email, website=website, body=body, ip_address=ip_address)
    decision = decide(submission, rules=rules, article=article)
    with transaction.atomic():  # the duplicate check and the insert, with nothing between them
        if earlier := earlier_copy(article=article, email=email, body=body):
            raise DuplicateComment(earlier)
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=name,
            email=email,
            website=website,
            body=body,
            body_html=submission.html,
            status=decision.status,
            status_reason=decision.reason,
            crisis_phrase=decision.crisis_phrase,
            ip_address=ip_address or None,
            user_agent=user_agent,
            notify_author=notify_author,
        )
        if comment.status == Comment.Status.APPROVED:
            note_approved(comment)
        if comment.status == Comment.Status.PENDING and _tells_moderators_at_once(comment, rules):
            transaction.on_commit(lambda: notify_comment_waiting(comment))
    return comment


def _tells_moderators_at_once(comment: Comment, rules: DiscussionSettings) -> bool:
    """A mail per comment when the site asks for one; a possible crisis is mailed at once on a digest
    site too (the digest may run once a day; a person may be in danger now). "No e-mail" stays
    none: that site's moderators watch the queue, where it is first."""
    notify = DiscussionSettings.Notify(rules.notify_moderators)
    return notify == notify.EACH or bool(comment.crisis_phrase and notify == notify.DIGEST)


def post_staff_reply(*, parent: Comment, user, body: str) -> Comment:
    """A moderator's reply from the admin: published at once and marked as staff.

    An approved reply like any other: the author of `parent` hears of it if they asked.
    """
    with transaction.atomic():
        reply = Comment.objects.create(
            article=parent.article,
            parent=parent,
            name=DiscussionSettings.get_solo().staff_name(user),
            email=user.email,
            body=body.strip(),
            status=Comment.Status.APPROVED,
            status_reason="Staff reply.",
            is_staff_reply=True,
            user=user,
        )
        note_approved(reply)
    return reply


def edit_own_comment(*, comment: Comment, body: str, rules: DiscussionSettings) -> Comment:
    """Its author's new text, judged by the same rules as a new post, and the moderators told as for one.

    The safer of the two ways for readers: a published comment edited into one the rules hold
    goes back to waiting and leaves every reader's page until a moderator approves it (its author
    still sees it, marked as waiting); readers never see text nobody vetted. Spam stays spam, unless
    the edit brings crisis language: then it is held and marked, as such a post is.
    The one save makes the fragment again and retires the pages that showed the old text.
    """
    body = body.strip()
    submission = Submission(
        name=comment.name, email=comment.email, website=comment.website, body=body, ip_address=comment.ip_address
    )
    decision = decide(submission, rules=rules, article=comment.article)
    comment.body = body
    # Spam stays spam, unless the new text may be a person in crisis: never left in the spam folder (decide()).
    if comment.status != Comment.Status.SPAM or decision.crisis_phrase:
        comment.status = decision.status
        comment.status_reason = f"Edited by its author. {decision.reason}"[: Comment.status_reason.field.max_length]
        comment.crisis_phrase = decision.crisis_phrase  # an edit into crisis language is cared for as a post is
    with transaction.atomic():
        comment.save(update_fields=["body", "status", "status_reason", "crisis_phrase"])
        if comment.status == Comment.Status.APPROVED:
            note_approved(comment)  # a waiting comment the rules approve once edited is published now
        if comment.status == Comment.Status.PENDING and _tells_moderators_at_once(comment, rules):
            transaction.on_commit(lambda: notify_comment_waiting(comment))
    return comment


@transaction.atomic
def set_status(comments: QuerySet, status: str) -> dict[int, str]:
    """Approve, mark as spam or remove: the one path for the queue's actions, row buttons, undo and change form.

    Each comment is saved on its own, so its signals retire the pages that show it (no bulk
    update beside them). Returns the earlier status of each comment that changed, by id:
    what an undo puts back. An approval tells the readers who asked (reader_mail: once per
    event, however often an undo takes it back).
    """
    previous = {}
    for comment in comments.exclude(status=status).select_related("parent"):
        previous[comment.pk] = comment.status
        comment.status = status
        comment.save(update_fields=["status"])
        if status == Comment.Status.APPROVED:
            note_approved(comment)
    return previous


def restore_statuses(previous: dict[int, str], *, current: str) -> dict[int, str]:
    """Undo a decision: put back each comment's earlier status, if it still has `current`.

    A comment someone decided again since is left as it is. Returns what changed, by id,
    with the status each had before the undo.
    """
    restored = {}
    for status in set(previous.values()):
        ids = [pk for pk, earlier in previous.items() if earlier == status]
        restored |= set_status(Comment.objects.filter(pk__in=ids, status=current), status)
    return restored
