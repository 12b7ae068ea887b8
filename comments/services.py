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


class DuplicateComment(Exception):
    """The same author already posted the same text on the same article (`comment`)."""

    def __init__(self, comment: Comment):
        super().__init__(comment.pk)
        self.comment = comment


def earlier_copy(*, article, email: str, body: str) -> Comment | None:
    """The comment this author already posted with this text here, unless a moderator removed it."""
    return (
        Comment.objects.posted_with(email)
        .filter(article=article, body=body.strip())
        .exclude(status=Comment.Status.REMOVED)
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
) -> Comment:
    """Decide, save and (after commit) tell the moderators; raises DuplicateComment.

    The Markdown is rendered once: the rules match their words against what readers will see,
    and the same HTML is stored. The rules only read, so they are applied before the
    transaction: on SQLite it holds the database's one write lock, and every other post waits
    for it.
    """
    body = body.strip()
    submission = Submission(name=name, email=email, website=website, body=body, ip_address=ip_address)
    decision = decide(submission, rules=rules)
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
            ip_address=ip_address or None,
            user_agent=user_agent,
        )
        if comment.status == Comment.Status.PENDING and rules.notify_moderators == DiscussionSettings.Notify.EACH:
            transaction.on_commit(lambda: notify_comment_waiting(comment))
    return comment


def post_staff_reply(*, parent: Comment, user, body: str) -> Comment:
    """A moderator's reply from the admin: published at once and marked as staff."""
    return Comment.objects.create(
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


@transaction.atomic
def set_status(comments: QuerySet, status: str) -> dict[int, str]:
    """Approve, mark as spam or remove: the one path for the queue's actions, row buttons, undo and change form.

    Each comment is saved on its own, so its signals retire the pages that show it (no bulk
    update beside them). Returns the earlier status of each comment that changed, by id:
    what an undo puts back.
    """
    previous = {}
    for comment in comments.exclude(status=status).select_related("parent"):
        previous[comment.pk] = comment.status
        comment.status = status
        comment.save(update_fields=["status"])
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
