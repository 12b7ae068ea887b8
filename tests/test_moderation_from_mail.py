"""Moderators decide from their mail: signed Approve, Spam, Remove and Reply links that ask before they act."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments import mail_links, services
from comments.models import Comment, DiscussionSettings
from comments.notifications import notify_comment_waiting
from tests.conftest import APPROVED, PENDING, REMOVED, SITE, SPAM, STAFF_PASSWORD, post_comment, role_group

LINK = re.compile(r"^(Approve|Spam|Remove|Reply): (\S+)\r?$", re.MULTILINE)  # SMTP ends lines with CRLF


def links_in(body: str) -> dict[str, str]:
    """The decision links of a mail about one comment, by label, as paths on the site."""
    return {label: address.removeprefix(SITE) for label, address in LINK.findall(body)}


def path_of(comment, action, moderator) -> str:
    return mail_links.link(comment, action, moderator).removeprefix("http://testserver")


@pytest.fixture
def waiting(guide, make_comment):
    return make_comment(
        guide, status=PENDING, body="Is it *safe* with my medication?", status_reason="It contains “medication”."
    )


def test_the_mail_about_a_waiting_comment_carries_the_four_links_and_the_queue(
    client, guide, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body="Does the infusion need a referral?")
    [message] = smtp_inbox.messages
    body = message.body
    assert "Does the infusion need a referral?" in body and f"on “{guide.title}”" in body
    assert f"Reason: {Comment.objects.get().status_reason}" in body
    links = links_in(body)
    assert list(links) == ["Approve", "Spam", "Remove", "Reply"]
    assert all(path.startswith("/moderate/") for path in links.values())
    assert f"Moderation queue: {SITE}/admin/comments/comment/" in body
    assert "work for 7 days" in body


def test_each_moderator_gets_a_mail_with_links_of_their_own(guide, moderator, waiting, smtp_inbox):
    other = User.objects.create_user("second", "second@example.com", STAFF_PASSWORD, is_staff=True)
    other.groups.add(role_group("Moderators"))
    notify_comment_waiting(waiting)
    assert sorted(m.recipients for m in smtp_inbox.messages) == [["moderator@example.com"], ["second@example.com"]]
    first, second = (links_in(m.body)["Approve"] for m in smtp_inbox.messages)
    assert first != second
    page = Client().get(second).content.decode()
    assert "mailed to second" in page


def test_the_digest_carries_the_links_of_every_waiting_comment(guide, moderator, make_comment, smtp_inbox):
    rules = DiscussionSettings.get_solo()
    rules.notify_moderators = DiscussionSettings.Notify.DIGEST
    rules.save()
    make_comment(guide, status=PENDING, name="Ann", body="First question.", status_reason="Held for a word.")
    make_comment(guide, status=PENDING, name="Bob", body="Second question.")
    call_command("send_moderation_digest", stdout=io.StringIO())
    [message] = smtp_inbox.messages
    assert "First question." in message.body and "Second question." in message.body
    assert "Held for a word." in message.body
    labels = [label for label, _ in LINK.findall(message.body)]
    assert labels == ["Approve", "Spam", "Remove", "Reply"] * 2
    approve_bob = [address for label, address in LINK.findall(message.body) if label == "Approve"][1]
    response = Client().post(approve_bob.removeprefix(SITE))
    assert response.status_code == 302
    assert Comment.objects.get(name="Bob").status == APPROVED
    assert Comment.objects.get(name="Ann").status == PENDING


def test_opening_a_link_shows_the_comment_and_one_button_and_changes_nothing(
    guide, moderator, waiting, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = Client().get(path_of(waiting, "approve", moderator))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Is it <em>safe</em> with my medication?" in html  # as readers would see it
    assert guide.title in html and "It contains “medication”." in html
    assert html.count("<button") == 2  # the search box's, and this one
    assert '<button type="submit">Approve</button>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    assert Comment.objects.get().status == PENDING
    assert not LogEntry.objects.exists()


def test_pressing_approve_publishes_the_comment_on_its_article_and_logs_it(guide, moderator, waiting):
    reader = Client()
    assert "with my medication?" not in reader.get(guide.get_absolute_url()).content.decode()
    response = Client().post(path_of(waiting, "approve", moderator))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("?done")  # the page that says so (test_mail_link_approve_says_…)
    assert "Is it <em>safe</em> with my medication?" in reader.get(guide.get_absolute_url()).content.decode()
    entry = LogEntry.objects.get()
    assert entry.user == moderator
    assert entry.change_message == "Status: Pending → Approved. From the mail link."


@pytest.mark.parametrize(
    ("action", "status", "button"), [("spam", SPAM, "Mark as spam"), ("remove", REMOVED, "Remove")]
)
def test_spam_and_remove_act_once_pressed_and_say_so(guide, moderator, waiting, action, status, button):
    path = path_of(waiting, action, moderator)
    assert f'<button type="submit">{button}</button>' in Client().get(path).content.decode()
    response = Client().post(path, follow=True)
    assert Comment.objects.get().status == status
    assert response.status_code == 200
    html = response.content.decode()
    assert "by moderator at" in html and "already" not in html
    assert "This comment was already" in Client().get(path).content.decode()


def test_a_link_used_twice_says_what_was_done_by_whom_and_when(guide, moderator, waiting, settings):
    path = path_of(waiting, "approve", moderator)
    with time_machine.travel(datetime(2026, 12, 1, 14, 5, tzinfo=UTC), tick=False):
        Client().post(path)
    again = Client().post(path_of(waiting, "spam", moderator))
    assert again.status_code == 409
    html = again.content.decode()
    assert "This comment was already approved" in html
    assert "Approved by moderator at 1 December 2026, 14:05" in html
    assert Comment.objects.get().status == APPROVED
    assert LogEntry.objects.count() == 1
    assert "See it on the article" in Client().get(path).content.decode()


def test_a_used_link_no_longer_says_the_comment_is_held(guide, moderator, waiting):
    path = path_of(waiting, "approve", moderator)
    assert "Held because: It contains" in Client().get(path).content.decode()
    Client().post(path)
    assert "Held because" not in Client().get(path).content.decode()


def test_a_link_older_than_seven_days_does_nothing_and_says_why(guide, moderator, waiting):
    path = path_of(waiting, "approve", moderator)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = Client().post(path)
    assert response.status_code == 410
    assert "more than 7 days old" in response.content.decode()
    assert Comment.objects.get().status == PENDING


def test_a_link_six_days_old_still_works(guide, moderator, waiting):
    path = path_of(waiting, "approve", moderator)
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        assert Client().post(path).status_code == 302
    assert Comment.objects.get().status == APPROVED


def test_a_tampered_link_does_nothing_and_says_why(guide, moderator, waiting):
    token = path_of(waiting, "approve", moderator).split("/")[2]
    forged = signing.dumps({"comment": waiting.pk, "action": "approve", "moderator": moderator.pk}, salt="other")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "not-a-token", "%00%3Cscript%3E"):
        response = Client().post(f"/moderate/{bad}/")
        assert response.status_code == 400, bad
        assert "This link is damaged" in response.content.decode()
    assert Comment.objects.get().status == PENDING


def test_a_link_of_a_moderator_who_lost_the_permission_does_nothing(guide, moderator, waiting):
    path = path_of(waiting, "approve", moderator)
    moderator.groups.clear()
    response = Client().post(path)
    assert response.status_code == 403
    assert "may no longer moderate comments" in response.content.decode()
    assert Client().get(path).status_code == 403
    assert Comment.objects.get().status == PENDING


def test_a_link_of_a_deactivated_moderator_does_nothing(guide, moderator, waiting):
    path = path_of(waiting, "approve", moderator)
    User.objects.filter(pk=moderator.pk).update(is_active=False)
    assert Client().post(path).status_code == 403
    assert Comment.objects.get().status == PENDING


def test_a_link_acts_as_its_moderator_whoever_is_logged_in_in_that_browser(guide, moderator, editor, waiting):
    browser = Client()
    browser.force_login(editor)
    browser.post(path_of(waiting, "approve", moderator))
    assert LogEntry.objects.get().user == moderator


def test_the_reply_link_approves_and_publishes_the_reply(guide, moderator, waiting, django_assert_max_num_queries):
    path = path_of(waiting, "reply", moderator)
    with django_assert_max_num_queries(8):
        page = Client().get(path).content.decode()
    assert '<textarea name="reply"' in page and '<button type="submit">Approve and reply</button>' in page
    response = Client().post(path, {"reply": "Please ask your *prescriber*."})
    reply = Comment.objects.get(parent=waiting)
    assert response.headers["Location"].endswith("?done")
    assert (reply.status, reply.is_staff_reply, reply.user) == (APPROVED, True, moderator)
    assert Comment.objects.get(pk=waiting.pk).status == APPROVED
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "Is it <em>safe</em> with my medication?" in html and "Please ask your <em>prescriber</em>." in html


def test_an_empty_reply_asks_for_one_and_changes_nothing(guide, moderator, waiting):
    response = Client().post(path_of(waiting, "reply", moderator), {"reply": "  "})
    assert response.status_code == 400
    assert "Write your reply, then press “Approve and reply”." in response.content.decode()
    assert Comment.objects.get().status == PENDING


def test_a_link_to_a_deleted_comment_says_so(guide, moderator, waiting):
    path = path_of(waiting, "approve", moderator)
    waiting.delete()
    response = Client().get(path)
    assert response.status_code == 404
    assert "deleted since the mail was sent" in response.content.decode()


def test_the_pages_of_a_used_and_a_refused_link_cost_a_fixed_few_queries(
    guide, moderator, waiting, django_assert_max_num_queries
):
    path = path_of(waiting, "approve", moderator)
    Client().post(path)
    DiscussionSettings.get_solo()  # a live site has its settings row: the first read would insert it
    with django_assert_max_num_queries(10):
        assert Client().get(path).status_code == 200
    moderator.groups.clear()
    with django_assert_max_num_queries(8):
        assert Client().get(path).status_code == 403


def test_a_decision_made_between_the_page_and_the_button_is_kept_and_named(guide, moderator, waiting, monkeypatch):
    read = mail_links.read

    def read_then_another_moderator_decides(token):
        link = read(token)
        Comment.objects.filter(pk=waiting.pk).update(status=REMOVED)
        return link

    monkeypatch.setattr(mail_links, "read", read_then_another_moderator_decides)
    response = Client().post(path_of(waiting, "approve", moderator))
    assert response.status_code == 409
    assert "This comment was already removed" in response.content.decode()
    assert Comment.objects.get().status == REMOVED


@pytest.mark.parametrize("before", [PENDING, APPROVED])
def test_a_link_to_a_comment_its_author_deleted_says_so_and_does_nothing(guide, moderator, waiting, before):
    """The author may delete it within their window (own_comment.delete): the link says so, never a 500."""
    Comment.objects.filter(pk=waiting.pk).update(status=before)
    if before == APPROVED:  # approved from the mail first: the history names that moderator's approval
        Comment.objects.filter(pk=waiting.pk).update(status=PENDING)
        Client().post(path_of(waiting, "approve", moderator))
    Comment.objects.filter(pk=waiting.pk).update(status=Comment.Status.WITHDRAWN)
    path = path_of(waiting, "approve", moderator)
    page = Client().get(path)
    assert page.status_code == 200
    assert "This comment was already deleted by its author" in page.content.decode()
    assert "by moderator at" not in page.content.decode()
    assert Client().post(path).status_code == 409
    assert Comment.objects.get().status == Comment.Status.WITHDRAWN


@pytest.mark.parametrize("action", ["approve", "reply"])
def test_an_edit_by_its_author_between_the_page_and_the_button_is_shown_before_anything_is_approved(
    guide, moderator, waiting, action
):
    """The author may edit a waiting comment for 15 minutes (services.edit_own_comment): the button
    approves only the text the moderator read; an edited text is shown to read again, nothing done."""
    path = path_of(waiting, action, moderator)
    page = Client().get(path).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    rules = DiscussionSettings.get_solo()
    rules.moderation_words = "visit"
    rules.save()
    services.edit_own_comment(comment=waiting, body="Please visit my shop.", rules=rules)
    assert Comment.objects.get().status == PENDING  # held again: the link still finds it waiting

    response = Client().post(path, {"seen": seen, "reply": "Ask your prescriber."})

    assert response.status_code == 409
    html = response.content.decode()
    assert "edited this comment since you opened this page" in html
    assert "Please visit my shop." in html
    assert Comment.objects.get().status == PENDING and not LogEntry.objects.exists()
    again = re.search(r'name="seen" value="([^"]+)"', html).group(1)
    assert again != seen
    assert Client().post(path, {"seen": again, "reply": "Ask your prescriber."}).status_code == 302
    assert Comment.objects.get(pk=waiting.pk).status == APPROVED
