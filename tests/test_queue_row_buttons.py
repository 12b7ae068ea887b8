"""Approve / Spam / Remove on each row of the queue: POST only, permission-checked, back to the same queue."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.conftest import APPROVED, PENDING, QUEUE, REMOVED, SPAM


def decide_url(comment_id) -> str:
    return reverse("admin:comments_comment_decide", args=[comment_id])


@pytest.fixture
def viewer_client(client, staff_without_article_rights):
    """Staff who may look at the queue but not change a comment."""
    staff_without_article_rights.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(staff_without_article_rights)
    return client


def test_approve_on_a_row_publishes_the_comment_at_once(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING, body="Worth reading, thank you.")
    reader = Client()
    assert "Worth reading, thank you." not in reader.get(guide.get_absolute_url()).content.decode()

    response = moderator_client.post(decide_url(comment.pk), {"status": APPROVED}, follow=True)

    assert "1 comment approved." in response.content.decode()
    assert "Worth reading, thank you." in reader.get(guide.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("status", "message"), [(SPAM, "1 comment marked as spam."), (REMOVED, "1 comment removed.")])
def test_spam_and_remove_on_a_row_hide_the_comment(moderator_client, guide, make_comment, status, message):
    comment = make_comment(guide, status=APPROVED, body="Visible until a moderator decides.")
    reader = Client()
    assert "Visible until a moderator decides." in reader.get(guide.get_absolute_url()).content.decode()

    response = moderator_client.post(decide_url(comment.pk), {"status": status}, follow=True)

    assert message in response.content.decode()
    assert Comment.objects.get().status == status
    assert "Visible until a moderator decides." not in reader.get(guide.get_absolute_url()).content.decode()


def test_a_row_decision_returns_to_the_same_filtered_queue(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING, body="Searched for.")
    page = moderator_client.get(QUEUE, {"status": "pending", "q": "Searched"}).content.decode()
    assert 'name="_changelist_filters" value="status=pending&amp;q=Searched"' in page

    response = moderator_client.post(
        decide_url(comment.pk), {"status": SPAM, "_changelist_filters": "status=pending&q=Searched"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status=pending&q=Searched"


def test_each_row_offers_the_decisions_that_change_something(moderator_client, guide, make_comment):
    pending = make_comment(guide, status=PENDING, body="Waiting.")
    html = moderator_client.get(QUEUE).content.decode()
    for status in (APPROVED, SPAM, REMOVED):
        assert f'formaction="{decide_url(pending.pk)}" name="status" value="{status}"' in html
    approved = make_comment(guide, status=APPROVED, body="Already out.")
    html = moderator_client.get(QUEUE, {"status": "approved"}).content.decode()
    assert f'formaction="{decide_url(approved.pk)}" name="status" value="{APPROVED}"' not in html
    assert f'formaction="{decide_url(approved.pk)}" name="status" value="{SPAM}"' in html


def test_a_get_changes_nothing(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    response = moderator_client.get(decide_url(comment.pk), {"status": APPROVED})
    assert response.status_code == 405
    assert Comment.objects.get().status == PENDING


def test_staff_who_may_only_view_get_no_buttons_and_a_403(viewer_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING, body="Only moderators decide.")
    html = viewer_client.get(QUEUE).content.decode()
    assert "Only moderators decide." in html
    assert decide_url(comment.pk) not in html
    assert viewer_client.post(decide_url(comment.pk), {"status": APPROVED}).status_code == 403
    assert Comment.objects.get().status == PENDING


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    response = client.post(decide_url(comment.pk), {"status": APPROVED})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Comment.objects.get().status == PENDING


def test_a_post_without_the_csrf_token_is_refused(moderator, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(decide_url(comment.pk), {"status": APPROVED}).status_code == 403
    assert Comment.objects.get().status == PENDING


def test_an_unknown_comment_is_a_404(moderator_client, db):
    assert moderator_client.post(decide_url(999999), {"status": APPROVED}).status_code == 404


def test_an_unknown_decision_is_a_400_that_says_why(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    response = moderator_client.post(decide_url(comment.pk), {"status": "delete"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a decision the queue knows" in html
    assert f'href="{QUEUE}"' in html
    assert Comment.objects.get().status == PENDING


def test_a_row_decision_is_in_recent_actions(moderator_client, moderator, guide, make_comment):
    comment = make_comment(guide, status=PENDING, name="Logged Author")
    moderator_client.post(decide_url(comment.pk), {"status": SPAM})

    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id, entry.is_change()) == (moderator, str(comment.pk), True)
    assert entry.get_change_message() == "Status: Pending → Spam."
    index = moderator_client.get(reverse("admin:index")).content.decode()
    assert "Logged Author on “What Is Ketamine Infusion Used For”" in index


def test_a_bulk_action_logs_one_entry_per_comment_it_changed(moderator_client, guide, make_comment):
    changed = [make_comment(guide, status=PENDING) for _ in range(3)]
    unchanged = make_comment(guide, status=APPROVED)
    moderator_client.post(
        f"{QUEUE}?status=all",
        {"action": "approve", "_selected_action": [c.pk for c in [*changed, unchanged]], "index": "0"},
    )
    entries = LogEntry.objects.all()
    assert sorted(int(e.object_id) for e in entries) == sorted(c.pk for c in changed)
    assert {e.get_change_message() for e in entries} == {"Status: Pending → Approved."}
