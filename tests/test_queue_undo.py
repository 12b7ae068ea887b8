"""Undo right after a decision in the queue: the message's button puts back the earlier statuses."""

from datetime import timedelta

import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.admin_forms import UNDO, bulk, undo_fields
from tests.conftest import QUEUE

PENDING, APPROVED, SPAM = Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.SPAM


def test_undo_puts_back_each_comments_earlier_status(moderator_client, guide, make_comment):
    waiting = make_comment(guide, status=PENDING, body="Was waiting.")
    published = make_comment(guide, status=APPROVED, body="Was published.")
    undo = bulk(moderator_client, "mark_spam", [waiting, published])
    assert {c.status for c in Comment.objects.all()} == {SPAM}

    response = moderator_client.post(UNDO, undo, follow=True)

    assert "2 comments put back as they were." in response.content.decode()
    assert Comment.objects.get(pk=waiting.pk).status == PENDING
    assert Comment.objects.get(pk=published.pk).status == APPROVED
    assert "Was published." in Client().get(guide.get_absolute_url()).content.decode()


def test_undo_returns_to_the_queue_as_it_was_filtered(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment], shown="pending")
    assert undo["_changelist_filters"] == "status=pending"
    response = moderator_client.post(UNDO, undo)
    assert response["Location"] == f"{QUEUE}?status=pending"


def test_undo_is_in_recent_actions(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    moderator_client.post(UNDO, undo)
    messages = list(LogEntry.objects.order_by("action_time", "pk").values_list("change_message", flat=True))
    assert messages == ["Status: Pending → Approved.", "Undo. Status: Approved → Pending."]


def test_undo_leaves_a_comment_decided_again_since(moderator_client, guide, make_comment):
    first, second = make_comment(guide, status=PENDING), make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [first, second])
    moderator_client.post(reverse("admin:comments_comment_decide", args=[second.pk]), {"status": SPAM})

    response = moderator_client.post(UNDO, undo, follow=True)

    assert "1 comment put back as it was." in response.content.decode()
    assert (Comment.objects.get(pk=first.pk).status, Comment.objects.get(pk=second.pk).status) == (PENDING, SPAM)


def test_a_damaged_undo_is_a_400_that_changes_nothing(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    response = moderator_client.post(UNDO, undo | {"token": undo["token"][:-2] + "xx"})
    assert response.status_code == 400
    assert "This undo link is damaged" in response.content.decode()
    assert Comment.objects.get().status == APPROVED


def test_an_undo_more_than_an_hour_old_is_refused(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = moderator_client.post(UNDO, undo)
    assert response.status_code == 400
    assert "more than an hour old" in response.content.decode()
    assert Comment.objects.get().status == APPROVED


def test_undo_needs_the_change_permission(moderator_client, client, guide, make_comment, staff_without_article_rights):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    viewer = Client()
    staff_without_article_rights.user_permissions.add(Permission.objects.get(codename="view_comment"))
    viewer.force_login(staff_without_article_rights)
    assert viewer.post(UNDO, undo).status_code == 403
    assert Comment.objects.get().status == APPROVED


def test_undo_by_get_changes_nothing(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    assert moderator_client.get(UNDO, undo).status_code == 405
    assert Comment.objects.get().status == APPROVED


def test_a_row_decision_can_be_undone_too(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    response = moderator_client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]), {"status": SPAM}, follow=True
    )
    moderator_client.post(UNDO, undo_fields(response.content.decode()))
    assert Comment.objects.get().status == PENDING


def test_undo_after_approve_and_reply_returns_to_the_queue_it_came_from(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {"name": comment.name, "email": comment.email, "website": "", "body": comment.body, "status": PENDING}
    response = moderator_client.post(
        f"{change_url}?_changelist_filters=status%3Dpending",
        data | {"staff_reply": "Welcome.", "approve_and_reply": "1"},
        follow=True,
    )
    undo = undo_fields(response.content.decode())
    assert undo["_changelist_filters"] == "status=pending"
    back = moderator_client.post(UNDO, undo)
    assert back["Location"] == f"{QUEUE}?status=pending"
    assert Comment.objects.get(pk=comment.pk).status == PENDING


def test_an_undo_sent_again_after_a_new_decision_leaves_that_decision(moderator_client, guide, make_comment):
    """Undo, approve again, then the old Undo button once more (the browser's Back): still approved."""
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    moderator_client.post(UNDO, undo)
    moderator_client.post(reverse("admin:comments_comment_decide", args=[comment.pk]), {"status": APPROVED})

    response = moderator_client.post(UNDO, undo, follow=True)

    assert "0 comments put back as they were." in response.content.decode()
    assert Comment.objects.get().status == APPROVED


def test_another_moderators_undo_is_refused(moderator_client, guide, make_comment, moderator):
    comment = make_comment(guide, status=PENDING)
    undo = bulk(moderator_client, "approve", [comment])
    colleague = moderator.__class__.objects.create_user("colleague", is_staff=True)
    colleague.groups.set(moderator.groups.all())
    other = Client()
    other.force_login(colleague)

    response = other.post(UNDO, undo)

    assert response.status_code == 400
    assert "This undo is for another moderator" in response.content.decode()
    assert Comment.objects.get().status == APPROVED
