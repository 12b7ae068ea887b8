"""Readers who carry nothing personal get the whole article page from the cache, with their own form tokens."""

import re

import pytest
from django.contrib.sites.models import SITE_CACHE, Site
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.page_cache import bump_comments_version, comments_version
from comments.forms import TIMESTAMP_SALT
from comments.models import Comment


def hidden_value(html: str, name: str) -> str:
    return re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html).group(1)


def queries_for(client, article, data=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url(), data or {}).content.decode()
    return len(queries.captured_queries), html


def warm(article) -> None:
    """A first reader renders the page and leaves it in the cache."""
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_a_reader_without_cookies_gets_the_page_without_a_query(guide, django_assert_max_num_queries):
    warm(guide)
    with django_assert_max_num_queries(0):
        response = Client().get(guide.get_absolute_url())
    html = response.content.decode()
    assert "Frequently Asked Questions" in html and "Leave a Reply" in html
    assert response["ETag"]


def test_a_browser_that_has_the_cached_page_gets_a_304_without_a_query(guide, django_assert_max_num_queries):
    warm(guide)
    first = Client().get(guide.get_absolute_url())
    with django_assert_max_num_queries(0):
        again = Client().get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_each_reader_of_the_cached_page_gets_a_working_csrf_token_and_a_fresh_timestamp(guide):
    warm(guide)
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(guide.get_absolute_url()).content.decode()
    other = Client().get(guide.get_absolute_url()).content.decode()
    assert "csrftoken" in reader.cookies
    assert hidden_value(html, "csrfmiddlewaretoken") != hidden_value(other, "csrfmiddlewaretoken")
    stamp = signing.loads(hidden_value(html, "timestamp"), salt=TIMESTAMP_SALT)
    assert stamp["article"] == guide.pk

    response = reader.post(
        f"{guide.get_absolute_url()}comments/",
        {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "timestamp": hidden_value(html, "timestamp"),
            "name": "Cached reader",
            "email": "cached@example.com",
            "body": "Posted from a cached page.",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(name="Cached reader").exists()


def test_the_too_fast_check_still_holds_on_a_cached_page(guide, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 3
    warm(guide)
    reader = Client()
    html = reader.get(guide.get_absolute_url()).content.decode()
    response = reader.post(
        f"{guide.get_absolute_url()}comments/",
        {"timestamp": hidden_value(html, "timestamp"), "name": "Bot", "email": "bot@example.com", "body": "Fast."},
    )
    assert response.status_code == 400
    assert not Comment.objects.filter(name="Bot").exists()


def test_a_moderation_decision_retires_the_cached_page(guide, make_comment):
    comment = make_comment(guide, status=Comment.Status.PENDING, body="Approved later.")
    warm(guide)
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Approved later." in Client().get(guide.get_absolute_url()).content.decode()


def test_a_lost_comment_version_never_comes_back_to_an_old_value(db):
    from django.core.cache import cache

    before = comments_version(7)
    bump_comments_version(7)
    bumped = comments_version(7)
    cache.delete("articles:comments-version:7")  # the shared cache restarted or evicted it
    assert comments_version(7) not in {before, bumped}


@pytest.mark.parametrize(
    "personal",
    [
        {"cookies": {"comment_author": '{"name": "Remembered Ann"}'}},
        {"query": {"utm_source": "newsletter"}},
    ],
    ids=["remembered author", "query string"],
)
def test_a_reader_with_anything_personal_gets_their_own_page(guide, personal):
    warm(guide)
    client = Client()
    for name, value in personal.get("cookies", {}).items():
        client.cookies[name] = value
    queries, html = queries_for(client, guide, personal.get("query"))
    assert queries >= 1  # rendered for this reader, not taken from the shared page
    if "cookies" in personal:
        assert 'value="Remembered Ann"' in html
    assert 'value="Remembered Ann"' not in Client().get(guide.get_absolute_url()).content.decode()


def test_signed_in_staff_never_get_or_leave_the_shared_page(guide, editor):
    staff = Client()
    staff.force_login(editor)
    staff.get(guide.get_absolute_url())
    assert queries_for(Client(), guide)[0] >= 1  # the staff member's page was not kept for readers
    assert queries_for(staff, guide)[0] >= 1  # and staff do not get the readers' page


def test_a_site_reached_by_two_names_keeps_each_canonical_address(guide, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    Client().get(guide.get_absolute_url(), HTTP_HOST="one.example")
    html = Client().get(guide.get_absolute_url(), HTTP_HOST="two.example").content.decode()
    assert f'href="http://two.example{guide.get_absolute_url()}"' in html
    assert "one.example" not in html


def test_a_renamed_site_shows_in_every_worker(guide):
    warm(guide)
    site = Site.objects.get_current()
    site.name = "Renamed Clinic"
    site.save()
    # Another worker still holds the old site in django.contrib.sites' per-process cache.
    SITE_CACHE[site.pk] = Site(pk=site.pk, domain=site.domain, name="Ketamine Infusion")
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "Renamed Clinic" in html
    assert "Ketamine Infusion |" not in html


def test_a_page_rendered_before_the_change_committed_is_retired_at_commit(
    guide, make_comment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        make_comment(guide, body="Committed later.")
        # Another worker renders now: it cannot see the uncommitted comment, yet stores its page
        # under the version the save just set.
        during = comments_version(guide.pk)
    for callback in callbacks:
        callback()
    assert comments_version(guide.pk) != during
