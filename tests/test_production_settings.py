"""Production serving: security headers, the health check, settings from the environment, check --deploy."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import PRODUCTION_ENV, PROJECT, settings_value


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        | {"DJANGO_SETTINGS_MODULE": "infusion_site.settings", **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_defaults_are_strict():
    values = settings_value(
        "[settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS, settings.DEBUG]",
        **PRODUCTION_ENV,
    )
    assert values == [True, True, True, 31536000, False]


def test_database_url_selects_postgresql_and_redis_url_the_cache():
    values = settings_value(
        "[settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]",
        **PRODUCTION_ENV,
        DATABASE_URL="postgres://site:secret@127.0.0.1:5432/infusion",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert values == [
        "django.db.backends.postgresql",
        "infusion",
        "infusion_site.redis_cache.SharedRedisCache",
        "django.contrib.sessions.backends.cache",
    ]


def test_sqlite_waits_for_the_write_lock_instead_of_failing(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings; this run uses DATABASE_URL")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]


def test_public_pages_get_a_strict_content_security_policy(guide):
    response = Client().get(guide.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_may_use_inline_styles_but_never_inline_scripts(editor_client):
    policy = editor_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy.split("style-src")[1].split(";")[0]
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_health_check_answers_ok(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("failing", ["database", "cache"])
def test_health_check_is_503_when_a_part_fails(db, monkeypatch, failing):
    def broken(*args, **kwargs):
        raise ConnectionError("down")

    if failing == "database":

        class BrokenConnection:
            cursor = staticmethod(broken)

        monkeypatch.setattr("infusion_site.health.connection", BrokenConnection())
    else:
        monkeypatch.setattr("infusion_site.health.cache.set", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()[failing] == "failing"


def test_the_suite_runs_on_the_database_and_cache_the_environment_names(db):
    """CI runs the suite twice: SQLite + local memory, then PostgreSQL + Redis (make test-services)."""
    from django.core.cache import caches

    expected_vendor = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected_vendor
    expected_cache = "SharedRedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"
    assert type(caches["default"]).__name__ == expected_cache


def test_without_redis_production_shares_its_cache_in_files_and_keeps_pages_per_worker():
    shared, pages = settings_value(
        "[settings.CACHES['default']['BACKEND'], settings.CACHES['pages']['BACKEND']]", **PRODUCTION_ENV
    )
    assert shared == "infusion_site.shared_cache.SharedFileCache"
    assert pages == "django.core.cache.backends.locmem.LocMemCache"
    debug_shared = settings_value("settings.CACHES['default']['BACKEND']", DJANGO_DEBUG="1")
    assert debug_shared == "infusion_site.shared_cache.SharedFileCache"


def test_head_gets_the_headers_of_get_and_no_body(settings):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from infusion_site.head_requests import head_without_body

    page = HttpResponse("<p>page</p>" * 100)
    page["ETag"] = '"page"'
    response = head_without_body(lambda request: page)(RequestFactory().head("/"))
    assert response.content == b""  # gunicorn logs a warning for every HEAD answered with a body
    assert response["Content-Length"] == str(len("<p>page</p>" * 100))
    assert response["ETag"] == '"page"'
    got = head_without_body(lambda request: HttpResponse("<p>page</p>"))(RequestFactory().get("/"))
    assert got.content == b"<p>page</p>"
    # Outermost, so it sees the response every other middleware has finished.
    assert settings.MIDDLEWARE[0] == "infusion_site.head_requests.head_without_body"
