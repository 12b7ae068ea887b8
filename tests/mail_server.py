"""A real SMTP server on 127.0.0.1 for the tests of mail: what the site sends is received as a mail program would."""

import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

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
