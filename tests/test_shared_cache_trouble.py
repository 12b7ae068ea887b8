"""A shared cache the site cannot use is the operator's problem, not the reader's.

Without Redis the workers share a file cache under CACHE_DIR. Unwritable from the start, it made
every page a 500; turned read-only after warm-up, every comment post. A Redis that stops
answering did the same. Now pages are served uncached, the trouble is logged, /healthz says 503,
and a comment that cannot be counted against the flood limit is refused with a 503 and the
reader's text kept.
"""

import errno
import logging

import pytest
from django.test import Client

from comments.models import Comment
from tests.conftest import comment_form_data


def file_cache(location) -> dict:
    return {"BACKEND": "infusion_site.shared_cache.SharedFileCache", "LOCATION": str(location)}


@pytest.fixture
def unusable_cache_folder(settings, tmp_path):
    """CACHE_DIR below a plain file: no one can create it, not even root (the suite may run as root)."""
    (tmp_path / "a-file").write_text("")
    settings.CACHES = {**settings.CACHES, "default": file_cache(tmp_path / "a-file" / "cache")}


@pytest.fixture
def file_cache_that_turns_read_only(settings, tmp_path, monkeypatch):
    """A working cache folder; calling the returned function makes every write fail as on a read-only mount."""
    settings.CACHES = {**settings.CACHES, "default": file_cache(tmp_path / "cache")}

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    def turn_read_only():
        monkeypatch.setattr("django.core.cache.backends.filebased.tempfile.mkstemp", read_only)
        monkeypatch.setattr("django.core.cache.backends.filebased.os.remove", read_only)

    return turn_read_only


@pytest.fixture
def unreachable_redis(settings):
    """A Redis nobody answers at (port 1): every command fails at once with a connection error."""
    redis = {"LOCATION": "redis://127.0.0.1:1/0", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "infusion_site.redis_cache.SharedRedisCache", **redis},
    }


def post(guide, body):
    return Client().post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body=body))


def test_pages_are_served_when_the_cache_folder_cannot_be_created(guide, unusable_cache_folder, caplog):
    with caplog.at_level(logging.ERROR, logger="infusion_site.shared_cache"):
        article = Client().get(guide.get_absolute_url())
        listing = Client().get("/")
    assert article.status_code == 200
    assert guide.title in article.content.decode()
    assert listing.status_code == 200
    assert "cannot be used" in caplog.text


def test_healthz_says_503_when_the_cache_folder_cannot_be_written(db, unusable_cache_folder):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "failing"


def test_healthz_says_ok_with_a_working_cache_folder(db, settings, tmp_path):
    settings.CACHES = {**settings.CACHES, "default": file_cache(tmp_path / "cache")}
    assert Client().get("/healthz").status_code == 200


def test_a_comment_that_cannot_be_counted_is_503_with_the_text_kept(guide, settings, unusable_cache_folder):
    settings.COMMENTS_RATE_LIMIT = "5/m"
    response = post(guide, "Kept, whatever happens to the cache.")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "problem on our side" in page
    assert "Kept, whatever happens to the cache." in page
    assert not Comment.objects.exists()


def test_after_the_folder_turns_read_only_pages_work_and_comments_are_refused_with_a_503(
    guide, settings, file_cache_that_turns_read_only
):
    settings.COMMENTS_RATE_LIMIT = "5/m"
    assert post(guide, "Posted while all was well.").status_code == 302  # the counter exists now
    assert Client().get(guide.get_absolute_url()).status_code == 200
    file_cache_that_turns_read_only()
    page = Client().get(guide.get_absolute_url())
    assert page.status_code == 200
    assert guide.title in page.content.decode()
    response = post(guide, "Posted after the disk went read-only.")
    assert response.status_code == 503
    assert "Posted after the disk went read-only." in response.content.decode()
    assert Comment.objects.count() == 1
    assert Client().get("/healthz").status_code == 503


def test_under_gunicorn_with_production_settings_an_unusable_cache_dir_costs_readers_nothing(tmp_path):
    from bench.run import ARTICLE, Server, manage, request, server_env

    (tmp_path / "a-file").write_text("")
    env = {k: v for k, v in server_env(tmp_path).items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env |= {"CACHE_DIR": str(tmp_path / "a-file" / "cache"), "WEB_CONCURRENCY": "1"}
    manage(env, "migrate", "--no-input")
    manage(env, "load_guide")
    with Server(env) as server:
        status, _, page = request(server.port, "GET", ARTICLE)
        assert status == 200
        assert b"Leave a Reply" in page
        assert request(server.port, "GET", "/healthz")[0] == 503


def test_with_redis_down_readers_get_pages_and_comments_a_503_with_their_text(guide, settings, unreachable_redis):
    settings.COMMENTS_RATE_LIMIT = "5/m"
    page = Client().get(guide.get_absolute_url())
    assert page.status_code == 200
    assert guide.title in page.content.decode()
    response = post(guide, "Kept while Redis is down.")
    assert response.status_code == 503
    assert "Kept while Redis is down." in response.content.decode()
    assert Client().get("/healthz").status_code == 503
