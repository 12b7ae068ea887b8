"""Mail to moderators reaches a real SMTP server, with links on the site's configured address."""

import email
import io
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse

from comments.models import Comment, DiscussionSettings
from tests.conftest import comment_form_data

SITE = "https://guide.example.org"


class Received:
    """A message as a mail program shows it: headers decoded, text decoded."""

    def __init__(self, recipients, content: bytes):
        self.recipients = recipients
        self.message = email.message_from_bytes(content)
        self.body = self.message.get_payload(decode=True).decode(self.message.get_content_charset())

    def __getitem__(self, header):
        return str(make_header(decode_header(self.message[header])))


class Inbox:
    """aiosmtpd handler: keeps every message the server accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(Received(envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on 127.0.0.1, and the site's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "Ketamine Infusion <noreply@guide.example.org>"
    settings.SITE_URL = SITE
    yield inbox
    controller.stop()


def test_a_waiting_comment_is_mailed_to_the_moderators_with_links_on_the_sites_address(
    client, guide, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("comments:post", kwargs={"slug": guide.slug}),
            comment_form_data(guide, body="Does the infusion need a referral?"),
        )  # served as "testserver": the links must not take the request's host
    comment = Comment.objects.get()
    [message] = smtp_inbox.messages
    assert message.recipients == ["moderator@example.com"]
    assert message["To"] == "moderator@example.com"
    assert message["From"] == "Ketamine Infusion <noreply@guide.example.org>"
    assert message["Subject"] == f"Comment waiting on “{guide.title}”"
    body = message.body
    assert "Does the infusion need a referral?" in body
    assert f"Open this comment: {SITE}/admin/comments/comment/{comment.pk}/change/" in body
    assert f"Moderation queue: {SITE}/admin/comments/comment/" in body
    assert "testserver" not in body
    assert "ann@example.com" not in body  # the author's address stays in the admin


def test_the_digest_reaches_the_smtp_server_with_the_queue_on_the_sites_address(
    guide, moderator, make_comment, smtp_inbox
):
    rules = DiscussionSettings.get_solo()
    rules.notify_moderators = DiscussionSettings.Notify.DIGEST
    rules.save()
    make_comment(guide, status=Comment.Status.PENDING, name="Ann")
    call_command("send_moderation_digest", stdout=io.StringIO())
    [message] = smtp_inbox.messages
    assert message.recipients == ["moderator@example.com"]
    assert message["Subject"] == "1 comment waiting for moderation"
    assert f"Moderation queue: {SITE}/admin/comments/comment/" in message.body
