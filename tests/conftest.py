"""Shared fixtures and helpers: the loaded guide, small factories, users by role, and what several test files send."""

import email
import importlib
import io
import json
import os
import socket
import struct
import subprocess
import sys
import time
import zlib
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.article_body import body_version
from articles.models import FAQ, Article, Section, Takeaway
from comments.forms import form_timestamp
from comments.models import Comment, DiscussionSettings
from infusion_site.shared_cache import CacheTroubleLogged

GUIDE_SLUG = "what-is-ketamine-infusion-used-for"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and on PostgreSQL a check when the run ends: no test left a
    connection to it open (a thread's, a server's, one Django can no longer see). PostgreSQL will
    not drop a database others are connected to; pytest-django only warns, and the run passes."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        others = sessions_on_the_test_database()
        deadline = time.monotonic() + 5  # DROP DATABASE waits as long for sessions on their way out
        while others and time.monotonic() < deadline:
            time.sleep(0.1)
            others = sessions_on_the_test_database()
        connection.close()
    if others:
        listed = "\n".join(
            f"  pid {pid}, {state}, since {since:%H:%M:%S}, last query: {query}" for pid, state, since, query in others
        )
        pytest.fail(f"Connections to the test database were left open when the run ended:\n{listed}", pytrace=False)


def sessions_on_the_test_database() -> list[tuple]:
    """Other client sessions on the test database than this thread's own Django connection."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, backend_start, left(query, 120) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return cursor.fetchall()


@pytest.fixture(autouse=True)
def cache_trouble_not_yet_logged(monkeypatch):
    """Each test may see the shared cache's trouble logged: it is logged once an interval per process,
    so a test that broke the cache before would otherwise keep the next one's log empty."""
    monkeypatch.setattr(CacheTroubleLogged, "_last_logged", 0.0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: cached settings and counters outlive a rolled-back database."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def body_version_forgotten():
    """A test that changes what bodies are made with (a setting, a constant) leaves the next one the real version.

    Ask for it before `settings` or `monkeypatch`: it is then cleared again after they are put back.
    """
    body_version.cache_clear()
    yield
    body_version.cache_clear()


@pytest.fixture
def guide(db):
    """The seed guide, loaded the way `make run` loads it."""
    # A flush between transactional tests recreates the default site behind the sites cache's back.
    Site.objects.clear_cache()
    call_command("load_guide", stdout=io.StringIO())
    return Article.objects.get(slug=GUIDE_SLUG)


@pytest.fixture
def make_article(db):
    """Build an article with a few parts; keyword arguments override the defaults."""

    def make(*, sections=2, takeaways=1, faqs=1, **fields):
        defaults = {
            "title": "A test article",
            "slug": f"test-article-{Article.objects.count() + 1}",
            "summary": "A summary.",
            "introduction": "An *introduction*.",
            "status": Article.Status.PUBLISHED,
        }
        article = Article.objects.create(**(defaults | fields))
        for number in range(1, takeaways + 1):
            Takeaway.objects.create(article=article, label=f"Point {number}", text="A sentence.")
        for number in range(1, sections + 1):
            Section.objects.create(article=article, heading=f"Section {number}", body=f"Body of section {number}.")
        for number in range(1, faqs + 1):
            FAQ.objects.create(article=article, question=f"Question {number}?", answer=f"Answer {number}.")
        return article

    return make


STAFF_PASSWORD = "a-long-test-password"


def staff_user(username: str, permissions: list[str]) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", STAFF_PASSWORD, is_staff=True)
    for codename in permissions:
        app_label, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=code))
    return user


EDITOR_PERMISSIONS = [
    f"articles.{action}_{model}"
    for model in ("article", "takeaway", "section", "faq")
    for action in ("add", "change", "delete", "view")
]


@pytest.fixture
def make_comment(db):
    """Save a comment straight to the database (approved unless told otherwise)."""

    def make(article, *, parent=None, status=Comment.Status.APPROVED, **fields):
        defaults = {
            "name": "Ann Reader",
            "email": "ann@example.com",
            "body": f"Comment number {Comment.objects.count() + 1}.",
            "ip_address": "203.0.113.7",
        }
        return Comment.objects.create(article=article, parent=parent, status=status, **(defaults | fields))

    return make


def comment_form_data(article, **overrides) -> dict:
    """What a browser sends from the "Leave a Reply" form, filled in correctly."""
    data = {
        "name": "Ann Reader",
        "email": "ann@example.com",
        "website": "",
        "body": "Thank you, this answered my question.",
        "parent": "",
        "homepage": "",
        "timestamp": form_timestamp(article.pk),
    }
    return data | overrides


def comment_post_url(article) -> str:
    """Where the "Leave a Reply" form of `article` posts."""
    return reverse("comments:post", kwargs={"slug": article.slug})


def post_comment(client, article, **overrides):
    """Send the "Leave a Reply" form of `article`, filled in correctly but for `overrides`."""
    return client.post(comment_post_url(article), comment_form_data(article, **overrides))


ROLE_MIGRATIONS = {
    "Moderators": [
        "comments.migrations.0002_moderators_group",
        "comments.migrations.0013_i13_moderators_personal_data_log",
    ],
    "Editors": [
        "articles.migrations.0006_editors_group",
        "articles.migrations.0012_i12_editors_topics",
        "articles.migrations.0014_i12_editors_site_pages",
        "articles.migrations.0021_i12_editors_crisis_help",
        "articles.migrations.0025_i12_editors_old_addresses_of_topics_people_site_pages",
    ],
}


def role_group(name: str) -> Group:
    """A group a data migration creates. Transactional tests (the browser journeys) flush every
    table after each test and migrations do not run again, so it is rebuilt from the migration's
    own lists of permissions when missing."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for module in ROLE_MIGRATIONS[name]:
            migration = importlib.import_module(module)
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=migration.APP_LABEL, codename__in=migration.CODENAMES
                )
            )
    return group


@pytest.fixture
def moderator(db):
    """Staff in the Moderators group the data migration creates, and nothing else."""
    user = User.objects.create_user("moderator", "moderator@example.com", STAFF_PASSWORD, is_staff=True)
    user.groups.add(role_group("Moderators"))
    return user


@pytest.fixture
def editor(db):
    """Staff who may write articles."""
    return staff_user("editor", EDITOR_PERMISSIONS)


@pytest.fixture
def staff_without_article_rights(db):
    """Staff who may only look at articles, not change them."""
    return staff_user("viewer", ["articles.view_article"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def editors_group_client(db):
    """Signed in as a member of the Editors group the data migrations create: what the site's
    editors may do, and nothing else."""
    user = User.objects.create_user("group-editor", "group-editor@example.com", STAFF_PASSWORD, is_staff=True)
    user.groups.add(role_group("Editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def one_thread_per_page(db):
    """Comment pages hold one thread each: the second comment is on page 2."""
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 1
    rules.save()
    return rules


# The moderators' queue

QUEUE = reverse("admin:comments_comment_changelist")
PENDING, APPROVED, SPAM, REMOVED = (
    Comment.Status.PENDING,
    Comment.Status.APPROVED,
    Comment.Status.SPAM,
    Comment.Status.REMOVED,
)


# Requests and uploads as several test files build them


def request_from(remote_addr, forwarded_for=None):
    """A request that reached Django from `remote_addr`, with an X-Forwarded-For header if given."""
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


# Mail as a real SMTP server on 127.0.0.1 receives it

SITE = "https://guide.example.org"  # the SITE_URL of mail sent to smtp_inbox


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


# Settings as a fresh process reads them from the environment

PROJECT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "p" * 20 + "-not-a-real-key-" + "q" * 30,
    "ALLOWED_HOSTS": "example.org",
    "EMAIL_URL": "submission://site:secret@mail.example.org",
}
# Variables of the environment the suite runs in that must not leak into a settings test.
OUTSIDE_SETTINGS = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_", "SITE_URL", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL")


def run_with_env(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_SETTINGS)}
    clean |= {"DJANGO_SETTINGS_MODULE": "infusion_site.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=clean, capture_output=True, text=True, timeout=60
    )


def settings_value(expression: str, **env):
    code = f"import json, django; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    result = run_with_env(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
