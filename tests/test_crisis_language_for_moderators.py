"""Moderators see a possible crisis first: at the top of the queue with a badge that names the phrase,
and in a mail that says so in its subject and text, sent at once even on a site that asked for a
digest (the digest lists it first too). A site that asked for no mail gets none: its moderators
watch the queue, where it is first."""

import io
import re

import pytest
from django.core.management import call_command

from comments.models import Comment, DiscussionSettings
from tests.conftest import QUEUE, post_comment

CRISIS_TEXT = "I read all of this and honestly I want to kill myself."


def set_notify(mode):
    rules = DiscussionSettings.get_solo()
    rules.notify_moderators = mode
    rules.save()


def test_a_possible_crisis_is_first_in_the_queue_with_a_badge_naming_its_phrase(
    moderator_client, guide, make_comment, client
):
    make_comment(guide, status=Comment.Status.PENDING, body="An older question.")
    post_comment(client, guide, body=CRISIS_TEXT)
    make_comment(guide, status=Comment.Status.PENDING, body="A newer question.")
    html = moderator_client.get(QUEUE).content.decode()
    rows = re.findall(r'<div class="comment-text">([^<]*)</div>', html)
    assert rows == [CRISIS_TEXT, "A newer question.", "An older question."]
    assert '<strong class="crisis-badge">Possible crisis: “kill myself”</strong>' in html
    assert html.count('class="crisis-badge"') == 1


def test_a_decided_crisis_comment_goes_back_to_its_place_in_time(moderator_client, guide, make_comment):
    make_comment(guide, status=Comment.Status.APPROVED, body="Earlier, decided.", crisis_phrase="kill myself")
    make_comment(guide, status=Comment.Status.APPROVED, body="Later.")
    html = moderator_client.get(QUEUE, {"status": "all"}).content.decode()
    assert re.findall(r'<div class="comment-text">([^<]*)</div>', html) == ["Later.", "Earlier, decided."]


@pytest.mark.parametrize("mode", [DiscussionSettings.Notify.EACH, DiscussionSettings.Notify.DIGEST])
def test_the_mail_about_a_possible_crisis_says_so_and_goes_at_once(
    client, guide, moderator, smtp_inbox, django_capture_on_commit_callbacks, mode
):
    set_notify(mode)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body=CRISIS_TEXT)
    [message] = smtp_inbox.messages
    assert message.recipients == ["moderator@example.com"]
    assert message["Subject"] == f"[Possible crisis] Comment waiting on “{guide.title}”"
    assert (
        "Possible crisis: it contains “kill myself” and the article is in a mental-health topic. Please read it "
        "soon. Its author was shown the site's crisis help." in message.body
    )
    assert "Reason: Possible crisis: “kill myself”." in message.body
    assert CRISIS_TEXT in message.body


def test_an_ordinary_comment_on_a_digest_site_still_waits_for_the_digest(
    client, guide, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    set_notify(DiscussionSettings.Notify.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body="Does the infusion need a referral?")
    assert smtp_inbox.messages == []


def test_a_site_that_asked_for_no_mail_gets_none(
    client, guide, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    set_notify(DiscussionSettings.Notify.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide, body=CRISIS_TEXT)
    assert smtp_inbox.messages == []
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_the_digest_lists_a_possible_crisis_first_and_marked(guide, moderator, make_comment, smtp_inbox):
    set_notify(DiscussionSettings.Notify.DIGEST)
    make_comment(guide, status=Comment.Status.PENDING, name="Ann")
    make_comment(
        guide,
        status=Comment.Status.PENDING,
        name="Bob",
        crisis_phrase="want to die",
        status_reason="Possible crisis: “want to die”.",
    )
    call_command("send_moderation_digest", stdout=io.StringIO())
    [message] = smtp_inbox.messages
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert lines[0].startswith(f"- [Possible crisis] Bob on “{guide.title}”")
    assert lines[0].endswith(": Possible crisis: “want to die”.")
    assert lines[1].startswith(f"- Ann on “{guide.title}”")
