"""Admin login lockout (django-axes): repeated wrong passwords lock a login, an admin unlocks it."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from bench.run import manage
from tests.conftest import STAFF_PASSWORD

LOGIN = reverse("admin:login")


@pytest.fixture
def owner(db):
    return User.objects.create_superuser("owner", "owner@example.com", STAFF_PASSWORD)


def log_in(client, password, **headers):
    return client.post(LOGIN, {"username": "owner", "password": password, "next": "/admin/"}, headers=headers)


def fail_until_locked(client, settings, **headers):
    responses = [log_in(client, "wrong-guess", **headers) for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form again
    return responses[-1]


def test_wrong_passwords_lock_the_login_and_then_the_right_one_is_refused(client, owner, settings):
    locked = fail_until_locked(client, settings)
    assert locked.status_code == 429
    response = log_in(client, STAFF_PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert not client.get("/admin/").wsgi_request.user.is_authenticated


def test_the_lockout_page_looks_like_the_admin_and_says_when_to_try_again(client, owner, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    response = fail_until_locked(client, settings)
    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "infusion-site administration" in page  # the admin's header
    assert "admin/css/base.css" in page and "admin/css/login.css" in page
    assert "Try again in 15 minutes, after " in page
    assert f'href="{LOGIN}"' in page


def test_a_good_login_before_the_limit_starts_the_count_again(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong-guess")
    assert log_in(client, STAFF_PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "wrong-guess").status_code == 200  # not locked: the count was reset


def test_axes_reset_unlocks_the_login(client, owner, settings):
    fail_until_locked(client, settings)
    call_command("axes_reset", stdout=io.StringIO())
    response = log_in(client, STAFF_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_an_admin_unlocks_a_login_by_deleting_its_access_attempt(client, owner, settings):
    fail_until_locked(client, settings)
    colleague = User.objects.create_superuser("colleague", "colleague@example.com", STAFF_PASSWORD)
    admin = client.__class__()
    admin.force_login(colleague)
    attempts = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200 and "owner" in attempts.content.decode()
    attempt = AccessAttempt.objects.get(username="owner")
    admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert log_in(client, STAFF_PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, owner, settings):
    settings.COMMENTS_TRUSTED_PROXIES = 0  # no proxy: the header is the client's own writing
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-guess", x_forwarded_for=f"198.51.100.{number}")
    assert log_in(client, STAFF_PASSWORD, x_forwarded_for="198.51.100.99").status_code == 429


def test_behind_a_trusted_proxy_the_lockout_follows_the_forwarded_client(client, owner, settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1  # nginx appends the address it saw
    fail_until_locked(client, settings, x_forwarded_for="198.51.100.7")
    assert log_in(client, STAFF_PASSWORD, x_forwarded_for="198.51.100.7").status_code == 429
    # Another client behind the same proxy is not locked out by the first one's guesses.
    assert log_in(client, STAFF_PASSWORD, x_forwarded_for="203.0.113.5").status_code == 302


def test_a_lockout_holds_in_every_worker(tmp_path):
    """Counted in the database: a process that never saw the failures still refuses the login."""
    env = {  # the suite's settings on a database file of its own (SQLite even in the PostgreSQL pass)
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "ALLOWED_HOSTS": "testserver",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    manage(env, "migrate", "--no-input")
    post = (
        "from django.test import Client; from django.conf import settings; c = Client(); "
        "post = lambda password: c.post('/admin/login/', {'username': 'owner', 'password': password}).status_code; "
    )
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('owner', 'owner@example.com', {STAFF_PASSWORD!r}); "
        f"{post}[post('wrong-guess') for _ in range(settings.AXES_FAILURE_LIMIT)]",
    )
    assert manage(env, "shell", "-c", f"{post}print(post({STAFF_PASSWORD!r}))").strip().endswith("429")
