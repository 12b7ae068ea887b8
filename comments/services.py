"""Writes that touch several things at once: posting a comment, a staff reply, a moderation decision.

The view, the admin and the management commands all call these, so each rule lives once.
"""

from django.db import transaction
from django.db.models import QuerySet

from articles.page_cache import bump_comments_version

from .models import Comment, DiscussionSettings
from .moderation import Submission, decide
from .notifications import notify_comment_waiting


class DuplicateComment(Exception):
    """The same author already posted the same text on the same article."""


def is_duplicate(*, article, email: str, body: str) -> bool:
    return (
        Comment.objects.filter(article=article, email__iexact=email, body=body.strip())
        .exclude(status=Comment.Status.REMOVED)
        .exists()
    )


@transaction.atomic
def post_comment(
    *,
    article,
    name: str,
    email: str,
    website: str,
    body: str,
    parent: Comment | None,
    ip_address: str | None,
    user_agent: str,
) -> Comment:
    """Decide, save and (after commit) tell the moderators; raises DuplicateComment."""
    body = body.strip()
    if is_duplicate(article=article, email=email, body=body):
        raise DuplicateComment
    rules = DiscussionSettings.get_solo()
    decision = decide(
        Submission(name=name, email=email, website=website, body=body, ip_address=ip_address), rules=rules
    )
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        name=name,
        email=email,
        website=website,
        body=body,
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


def set_status(comments: QuerySet, status: str) -> int:
    """Approve, mark as spam or remove: one place for the admin's actions and buttons."""
    changing = comments.exclude(status=status)
    article_ids = set(changing.values_list("article_id", flat=True))
    changed = changing.update(status=status)  # update() sends no signal: tell the pages here
    for article_id in article_ids:
        bump_comments_version(article_id)
    return changed
