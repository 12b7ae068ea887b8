"""Moderators hear about waiting comments (each, digest or off); a mail failure never loses a comment."""

import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command

from comments.models import Comment, DiscussionSettings
from comments.notifications import notify_comment_waiting
from tests.conftest import post_comment


def set_notify(mode):
    rules = DiscussionSettings.get_solo()
    rules.notify_moderators = mode
    rules.save()


def digest() -> str:
    out = io.StringIO()
    call_command("send_moderation_digest", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("mode", ["digest", "off"])
def test_no_mail_per_comment_unless_asked(client, guide, moderator, mode, django_capture_on_commit_callbacks):
    set_notify(mode)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide)
    assert mail.outbox == []


def test_no_mail_for_a_comment_published_at_once(
    client, guide, moderator, make_comment, django_capture_on_commit_callbacks
):
    make_comment(guide)
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide)
    assert mail.outbox == []


def test_without_moderators_the_superusers_are_told(client, guide, django_capture_on_commit_callbacks):
    User.objects.create_superuser("owner", "owner@example.com", "a-long-test-password")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide)
    assert mail.outbox[0].to == ["owner@example.com"]


def test_with_moderators_only_they_are_told(client, guide, moderator, django_capture_on_commit_callbacks):
    owner = User.objects.create_superuser("owner", "owner@example.com", "a-long-test-password")
    owner.groups.add(Group.objects.create(name="Editors-in-chief"))
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide)
    assert mail.outbox[0].to == ["moderator@example.com"]


def test_a_superuser_in_other_groups_is_told_when_nobody_moderates(client, guide, django_capture_on_commit_callbacks):
    owner = User.objects.create_superuser("owner", "owner@example.com", "a-long-test-password")
    owner.groups.add(Group.objects.create(name="Editors-in-chief"), Group.objects.create(name="Writers"))
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide)
    assert mail.outbox[0].to == ["owner@example.com"]


def test_the_digest_lists_every_waiting_comment(guide, moderator, make_comment):
    set_notify("digest")
    make_comment(guide, status=Comment.Status.PENDING, name="Ann")
    make_comment(guide, status=Comment.Status.PENDING, name="Bob")
    make_comment(guide, status=Comment.Status.APPROVED, name="Cy")
    assert "Digest sent: 2 comments waiting." in digest()
    message = mail.outbox[0]
    assert message.subject == "2 comments waiting for moderation"
    # Names are matched as list lines: a short name can turn up inside a signed link's random part.
    assert "- Ann on " in message.body and "- Bob on " in message.body and "- Cy on " not in message.body
    assert "/admin/comments/comment/" in message.body


def test_the_digest_says_when_each_comment_came_in_the_sites_time_and_date_format(
    guide, moderator, make_comment, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    set_notify("digest")
    comment = make_comment(guide, status=Comment.Status.PENDING, name="Ann")
    Comment.objects.filter(pk=comment.pk).update(created_at=datetime(2026, 12, 1, 14, 5, tzinfo=UTC))
    digest()
    assert "Ann on “" in mail.outbox[0].body
    assert "1 December 2026, 15:05" in mail.outbox[0].body


def test_the_digest_sends_nothing_when_nothing_waits(guide, moderator):
    set_notify("digest")
    assert "No comment waits." in digest()
    assert mail.outbox == []


def test_the_digest_is_off_unless_chosen(guide, moderator, make_comment):
    make_comment(guide, status=Comment.Status.PENDING)
    assert "nothing sent" in digest()
    assert mail.outbox == []


def test_a_failing_mail_server_during_the_digest_is_logged(guide, moderator, make_comment, settings, caplog):
    set_notify("digest")
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    make_comment(guide, status=Comment.Status.PENDING)
    digest()
    assert "Could not e-mail the moderators" in caplog.text
    assert Comment.objects.count() == 1


def test_a_long_comment_in_the_mail_says_it_was_cut(guide, moderator, make_comment):
    words = " ".join(f"word{n}" for n in range(200))  # well over the 500 characters a mail quotes
    notify_comment_waiting(make_comment(guide, status=Comment.Status.PENDING, body=words))
    body = mail.outbox[0].body
    assert words not in body
    assert "word0 word1" in body and "… (cut: the whole comment is on its page in the admin)" in body


def test_a_short_comment_in_the_mail_is_quoted_whole(guide, moderator, make_comment):
    notify_comment_waiting(make_comment(guide, status=Comment.Status.PENDING, body="Short and whole."))
    assert "Short and whole.\n" in mail.outbox[0].body and "(cut:" not in mail.outbox[0].body


def test_moderators_are_emailed_when_a_comment_waits(client, guide, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, guide)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@example.com"]
    assert "What Is Ketamine Infusion Used For" in message.subject
    assert "/admin/comments/comment/" in message.body
    assert "ann@example.com" not in message.body


def test_a_failing_mail_server_loses_nothing_and_shows_no_error(
    client, guide, moderator, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, guide)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Could not e-mail the moderators" in caplog.text
