"""A comment that waits can be approved and answered in one step, as WordPress's "Approve and Reply"."""

from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from comments.models import Comment

PENDING, APPROVED = Comment.Status.PENDING, Comment.Status.APPROVED
BUTTON = '<button type="submit" name="approve_and_reply" value="1"'


def change_url(comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def approve_and_reply(comment, reply: str) -> dict:
    """The change form as sent by the "Approve and reply" button."""
    data = {"name": comment.name, "email": comment.email, "website": comment.website, "body": comment.body}
    return data | {"status": comment.status, "staff_reply": reply, "approve_and_reply": "1"}


def test_a_waiting_comment_offers_approve_and_reply(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    assert BUTTON in moderator_client.get(change_url(comment)).content.decode()


def test_an_approved_comment_needs_no_such_button(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=APPROVED)
    assert BUTTON not in moderator_client.get(change_url(comment)).content.decode()


def test_approve_and_reply_publishes_both_at_once(moderator_client, moderator, guide, make_comment):
    comment = make_comment(guide, status=PENDING, body="Is it safe with my medication?")
    reader = Client()
    assert "Is it safe with my medication?" not in reader.get(guide.get_absolute_url()).content.decode()

    response = moderator_client.post(
        change_url(comment), approve_and_reply(comment, "Please ask your *prescriber*."), follow=True
    )

    html = response.content.decode()
    assert "1 comment approved." in html and "Your reply is published." in html
    assert Comment.objects.get(pk=comment.pk).status == APPROVED
    reply = Comment.objects.get(parent=comment)
    assert (reply.status, reply.is_staff_reply, reply.user) == (APPROVED, True, moderator)
    page = reader.get(guide.get_absolute_url()).content.decode()
    assert "Is it safe with my medication?" in page
    assert "Please ask your <em>prescriber</em>." in page
    assert LogEntry.objects.filter(change_message="Status: Pending → Approved.").count() == 1


def test_approve_and_reply_without_a_reply_asks_for_one_and_changes_nothing(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    response = moderator_client.post(change_url(comment), approve_and_reply(comment, "  "))
    assert response.status_code == 200
    assert "Write your reply, then press “Approve and reply”." in response.content.decode()
    assert Comment.objects.get().status == PENDING
