"""Readers who tick the box hear, once, that their comment is published and of each published reply.

Mail is captured from a real SMTP server on 127.0.0.1 (`smtp_inbox` in tests/conftest.py).
"""

import re

import pytest
from django.core import signing
from django.test import Client

from comments import mail_links
from comments.models import Comment, DiscussionSettings
from comments.reader_mail import unsubscribe_token
from comments.services import post_staff_reply, set_status
from tests.admin_forms import UNDO, bulk
from tests.conftest import APPROVED, PENDING, QUEUE, REMOVED, SITE, SPAM, post_comment

NOTIFY = "Email me when my comment is published and when someone replies"


def publish_known_authors(make_comment, article, **fields):
    """The rules publish at once a comment from Ann, who has an approved one already."""
    make_comment(article, body="An earlier comment.", **fields)
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    rules.save()


def unsubscribe_address(message) -> str:
    """The https address of its List-Unsubscribe header, unfolded as a mail program reads it (RFC 5322)."""
    return re.fullmatch(r"<(https://[^>]+)>", message["List-Unsubscribe"].strip())[1]


def to_ann(inbox) -> list:
    """The mail the commenter received (the moderators get theirs about waiting comments)."""
    return [m for m in inbox.messages if m.recipients == ["ann@example.com"]]


def test_the_box_is_under_the_form_unticked_and_says_what_it_does(client, guide):
    page = client.get(guide.get_absolute_url()).content.decode()
    box = re.search(r'<input type="checkbox" name="notify"[^>]*>', page)[0]
    assert "checked" not in box
    assert 'aria-describedby="id_notify_helptext"' in box
    assert f'<label for="id_notify">{NOTIFY}</label>' in page
    assert "We write only once your comment, or a reply to it, is approved" in page


def test_a_comment_the_rules_publish_is_mailed_to_its_author_once_with_one_click_unsubscribe(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks
):
    publish_known_authors(make_comment, guide)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body="Published at once.", notify="on")
    comment = Comment.objects.get(body="Published at once.")
    assert comment.status == APPROVED
    [message] = smtp_inbox.messages
    assert message.recipients == ["ann@example.com"]
    assert message["Subject"] == f"Your comment on “{guide.title}” is published"
    address = unsubscribe_address(message)
    assert address.startswith(f"{SITE}/mail/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}{guide.get_absolute_url()}" in message.body and f"#comment-{comment.pk}" in message.body
    assert "Published at once." in message.body
    assert f"all mail from this site: {address}" in message.body


def test_an_unticked_box_sends_nothing(client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks):
    publish_known_authors(make_comment, guide)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body="Published, no mail asked.")
    assert Comment.objects.get(body="Published, no mail asked.").status == APPROVED
    assert smtp_inbox.messages == []


def test_approval_from_the_queue_mails_once_however_often_it_is_undone_and_approved_again(
    moderator_client, guide, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(Client(), guide, body="Waiting first.", notify="on")
    comment = Comment.objects.get(body="Waiting first.")
    assert comment.status == PENDING
    assert to_ann(smtp_inbox) == []

    with django_capture_on_commit_callbacks(execute=True):
        undo = bulk(moderator_client, "approve", [comment])
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(UNDO, undo)
    assert Comment.objects.get(pk=comment.pk).status == PENDING
    with django_capture_on_commit_callbacks(execute=True):
        bulk(moderator_client, "approve", [comment])

    assert Comment.objects.get(pk=comment.pk).status == APPROVED
    [message] = to_ann(smtp_inbox)
    assert "is published" in message["Subject"]


def test_approval_from_a_moderators_mail_link_mails_the_author_once_however_often_it_is_pressed(
    guide, make_comment, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    comment = make_comment(guide, status=PENDING, body="Held for a moderator.", notify_author=True)
    approve = mail_links.link(comment, "approve", moderator).removeprefix(SITE)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post(approve)
    assert Comment.objects.get(pk=comment.pk).status == APPROVED
    [message] = to_ann(smtp_inbox)
    assert "Held for a moderator." in message.body


def test_a_waiting_spam_or_removed_comment_sends_nothing(
    client, guide, smtp_inbox, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body="Never approved.", notify="on")
        comment = Comment.objects.get(body="Never approved.")
        set_status(Comment.objects.filter(pk=comment.pk), SPAM)
        set_status(Comment.objects.filter(pk=comment.pk), REMOVED)
    assert to_ann(smtp_inbox) == []


def test_each_approved_reply_is_mailed_to_the_author_of_the_comment_it_answers(
    client, guide, make_comment, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = make_comment(guide, body="A question.", notify_author=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, name="Bob", email="bob@example.com", body="First answer.", parent=parent.pk)
        post_comment(client, guide, name="Bob", email="bob@example.com", body="Second answer.", parent=parent.pk)
    assert to_ann(smtp_inbox) == []  # both wait for moderation
    with django_capture_on_commit_callbacks(execute=True):
        set_status(Comment.objects.filter(parent=parent), APPROVED)
        post_staff_reply(parent=parent, user=moderator, body="The editors' answer.")

    replies = to_ann(smtp_inbox)
    assert sorted(m["Subject"] for m in replies) == [
        f"Bob replied to your comment on “{guide.title}”",
        f"Bob replied to your comment on “{guide.title}”",
        f"The editors replied to your comment on “{guide.title}”",
    ]
    assert {"First answer.", "Second answer.", "The editors' answer."} == {
        text for m in replies for text in ("First answer.", "Second answer.", "The editors' answer.") if text in m.body
    }
    assert [m for m in smtp_inbox.messages if m.recipients == ["bob@example.com"]] == []  # Bob did not tick


def test_a_reply_to_ones_own_comment_is_not_mailed_back(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = make_comment(guide, body="A question.", notify_author=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, email="ANN@example.com", body="And more.", parent=parent.pk)
        set_status(Comment.objects.filter(parent=parent), APPROVED)
    assert to_ann(smtp_inbox) == []


def test_a_reply_approved_under_a_removed_comment_is_not_shown_so_nobody_is_mailed(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks
):
    parent = make_comment(guide, body="A question.", notify_author=True)
    reply = make_comment(guide, parent=parent, status=PENDING, email="bob@example.com", notify_author=True)
    with django_capture_on_commit_callbacks(execute=True):
        set_status(Comment.objects.filter(pk=parent.pk), REMOVED)
        set_status(Comment.objects.filter(pk=reply.pk), APPROVED)
    assert smtp_inbox.messages == []


def published_mail(client, guide, make_comment, inbox, capture):
    """Ann ticks the box on a comment the rules publish; the mail she gets."""
    publish_known_authors(make_comment, guide)
    with capture(execute=True):
        post_comment(client, guide, body="Published at once.", notify="on")
    [message] = to_ann(inbox)
    inbox.messages.clear()
    return message


def approve_a_reply_from_bob(guide, capture):
    parent = Comment.objects.get(body="Published at once.")
    with capture(execute=True):
        post_comment(Client(), guide, name="Bob", email="bob@example.com", body="An answer.", parent=parent.pk)
        set_status(Comment.objects.filter(parent=parent), APPROVED)


def test_the_one_click_post_of_a_mail_program_unsubscribes_without_cookie_or_csrf_token(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks
):
    message = published_mail(client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks)
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe_address(message), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    approve_a_reply_from_bob(guide, django_capture_on_commit_callbacks)
    assert to_ann(smtp_inbox) == []


def test_the_link_in_the_mail_unsubscribes_in_one_click_and_offers_to_subscribe_again(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    message = published_mail(client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks)
    link = re.search(r"all mail from this site: (\S+)", message.body)[1]
    with django_assert_max_num_queries(6):
        page = Client().get(link)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    text = page.content.decode()
    assert "<h1>You are unsubscribed</h1>" in text and f"about your comment on “{guide.title}”" in text
    assert ">Subscribe again</button>" in text
    assert Client().get(link).status_code == 200  # a second click (or a mail scanner's) changes nothing
    assert not Comment.objects.get(body="Published at once.").notify_author

    again = Client(enforce_csrf_checks=True).post(link, {"action": "subscribe"})
    assert "<h1>You are subscribed again</h1>" in again.content.decode()
    approve_a_reply_from_bob(guide, django_capture_on_commit_callbacks)
    [reply] = to_ann(smtp_inbox)
    assert reply["Subject"].startswith("Bob replied")


def test_a_muted_address_gets_nothing_whatever_it_ticks_later(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks
):
    message = published_mail(client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks)
    page = Client(enforce_csrf_checks=True).post(unsubscribe_address(message), {"action": "mute"})
    assert "<h1>No more mail to this address</h1>" in page.content.decode()
    refused = Client().post(unsubscribe_address(message), {"action": "subscribe"})
    assert "<h1>No more mail to this address</h1>" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(Client(), guide, email=" Ann@Example.com", body="Ticked again.", notify="on")
    approve_a_reply_from_bob(guide, django_capture_on_commit_callbacks)
    assert Comment.objects.get(body="Ticked again.").status == APPROVED
    assert smtp_inbox.messages == []


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "eyJlbWFpbCI6ImFubkBleGFtcGxlLmNvbSIsImNvbW1lbnQiOjJ9:1xYZy6:forged",
        signing.dumps({"email": "ann@example.com", "comment": 1}, salt="another purpose"),
        signing.dumps(["not", "a", "subscription"], salt="comments.reader-mail.unsubscribe"),
    ],
)
def test_a_damaged_or_forged_link_is_a_400_page_that_changes_nothing(guide, make_comment, token):
    comment = make_comment(guide, notify_author=True)
    for response in (Client().get(f"/mail/unsubscribe/{token}/"), Client().post(f"/mail/unsubscribe/{token}/")):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).notify_author


def test_an_unknown_button_is_a_400(guide, make_comment):
    comment = make_comment(guide, notify_author=True)
    response = Client().post(f"/mail/unsubscribe/{unsubscribe_token(comment)}/", {"action": "delete-everything"})
    assert response.status_code == 400
    assert Comment.objects.get(pk=comment.pk).notify_author


def test_a_failing_mail_server_does_not_stop_an_approval(
    moderator_client, guide, make_comment, settings, caplog, django_capture_on_commit_callbacks
):
    comment = make_comment(guide, status=PENDING, notify_author=True)
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk], "index": "0"})
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == APPROVED
    assert f"Could not e-mail the author of comment {comment.pk}" in caplog.text


def test_a_browser_that_remembers_its_author_does_not_tick_the_box_for_them(client, guide):
    post_comment(client, guide, remember="on", notify="on")
    page = client.get(guide.get_absolute_url()).content.decode()
    assert 'value="ann@example.com"' in page  # the details are remembered
    assert "checked" not in re.search(r'<input type="checkbox" name="notify"[^>]*>', page)[0]


def test_the_privacy_page_says_what_is_kept_and_how_to_stop_the_mail(guide):
    page = Client().get("/privacy/").content.decode()
    assert "Mail about your comment" in page
    assert "stops mail about that comment in one click" in page
    assert "stop all mail from this site to your address for good" in page


def test_a_refused_post_keeps_the_box_as_the_reader_ticked_it(client, guide):
    response = post_comment(client, guide, email="not-an-address", notify="on")
    assert response.status_code == 400
    box = re.search(r'<input type="checkbox" name="notify"[^>]*>', response.content.decode())[0]
    assert " checked" in box


def test_the_unsubscribe_page_whose_address_holds_the_readers_sends_it_on_as_no_referer(guide, make_comment):
    """The token signs the address, it does not hide it: the page's link back to the article must not
    carry it into that request's Referer (and so into an access log)."""
    comment = make_comment(guide, notify_author=True)
    response = Client().get(f"/mail/unsubscribe/{unsubscribe_token(comment)}/")
    assert response.status_code == 200 and guide.get_absolute_url() in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert Client().get("/mail/unsubscribe/damaged/")["Referrer-Policy"] == "no-referrer"


def test_subscribing_again_to_a_published_comment_promises_only_the_replies(
    client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks
):
    """Its published mail was sent already: the page once promised it again ("when it is published")."""
    message = published_mail(client, guide, make_comment, smtp_inbox, django_capture_on_commit_callbacks)
    link = re.search(r"all mail from this site: (\S+)", message.body)[1]
    Client().get(link)
    text = Client().post(link, {"action": "subscribe"}).content.decode()
    assert "<h1>You are subscribed again</h1>" in text
    assert f"about your comment on “{guide.title}”: for each published reply." in text
    assert "when it is published" not in text


@pytest.mark.parametrize("notify", ["on", ""])
def test_the_waiting_comment_says_whether_its_author_asked_for_mail(client, guide, notify):
    """After posting with the box ticked, the page said nothing of it; never the address, though."""
    response = post_comment(client, guide, body="Will I hear back?", notify=notify)
    page = client.get(response["Location"]).content.decode()
    asked = "Your comment is awaiting moderation. You asked for an email when it is published.</p>"
    assert (asked in page) == bool(notify)
    assert "Your comment is awaiting moderation." in page
    assert "ann@example.com" not in page
