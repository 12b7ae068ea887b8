"""Readers who carry nothing personal get the whole article page from the cache, with their own form tokens."""

import re

import pytest
from django.contrib.sites.models import SITE_CACHE, Site
from django.core import signing
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext

from articles.page_cache import bump_comments_version, page_versions
from articles.whole_page_cache import key_for, store
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

    before = page_versions(7)[1]
    bump_comments_version(7)
    bumped = page_versions(7)[1]
    cache.delete("articles:comments-version:7")  # the shared cache restarted or evicted it
    assert page_versions(7)[1] not in {before, bumped}


@pytest.mark.parametrize(
    "personal",
    [
        {"cookies": {"comment_author": '{"name": "Remembered Ann"}'}},
        {"cookies": {"sessionid": "abc"}},
        {"cookies": {"messages": "x"}},
        {"query": {"utm_source": "newsletter"}},
    ],
    ids=["remembered author", "session", "messages", "query string"],
)
def test_a_reader_with_anything_personal_gets_their_own_page(guide, personal):
    warm(guide)
    client = Client()
    for name, value in personal.get("cookies", {}).items():
        client.cookies[name] = value
    queries, html = queries_for(client, guide, personal.get("query"))
    assert queries >= 1  # rendered for this reader, not taken from the shared page
    if "comment_author" in personal.get("cookies", {}):
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


@pytest.mark.parametrize("change", ["comment", "edit"])
def test_a_page_rendered_before_the_change_committed_is_retired_at_commit(guide, make_comment, change):
    key = key_for(RequestFactory().get(guide.get_absolute_url()), guide.slug)
    with TestCase.captureOnCommitCallbacks() as callbacks:
        if change == "comment":
            make_comment(guide, body="Committed later.")
        else:
            guide.summary = "Committed later."
            guide.save()
        # Another worker renders now: it cannot see the uncommitted change, yet keeps its
        # page under the versions the save just set.
        old_page = HttpResponse("<p>The page before the change.</p>")
        old_page["ETag"] = '"before"'
        store(RequestFactory().get("/"), key, guide.pk, page_versions(guide.pk), old_page)
        assert b"before the change" in Client().get(guide.get_absolute_url()).content
    for callback in callbacks:
        callback()
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "before the change" not in html
    assert "Committed later." in html


def test_a_page_that_shows_the_csrf_token_anywhere_else_is_never_kept(guide):
    reader = RequestFactory().get(guide.get_absolute_url())
    key = key_for(reader, guide.slug)
    leaky = HttpResponse(
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(reader)}">'
        f'<div data-token="{get_token(reader)}"></div>'
    )
    leaky["ETag"] = '"leaky"'
    store(reader, key, guide.pk, page_versions(guide.pk), leaky)
    assert caches["pages"].get(key) is None
    reordered = HttpResponse(f'<input name="csrfmiddlewaretoken" type="hidden" value="{get_token(reader)}">')
    reordered["ETag"] = '"reordered"'
    store(reader, key, guide.pk, page_versions(guide.pk), reordered)
    assert caches["pages"].get(key) is None


def test_redirects_and_missing_pages_are_never_kept(guide):
    old_slug = guide.slug
    guide.slug = "ketamine-infusion-uses"
    guide.save()
    assert Client().get(f"/articles/{old_slug}/").status_code == 301
    assert Client().get("/articles/no-such-article/").status_code == 404
    for slug in (old_slug, "no-such-article"):
        assert caches["pages"].get(key_for(RequestFactory().get("/"), slug)) is None


def test_a_head_request_is_answered_from_the_cached_page(guide, django_assert_max_num_queries):
    warm(guide)
    with django_assert_max_num_queries(0):
        response = Client().head(guide.get_absolute_url())
    assert response.status_code == 200
    assert response["ETag"]


def test_a_cached_page_without_a_form_sets_no_csrf_cookie(guide):
    guide.comments_open = False
    guide.save()
    warm(guide)
    reader = Client()
    response = reader.get(guide.get_absolute_url())
    assert "Comments are closed." in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_a_site_name_read_before_the_rename_committed_is_dropped_at_commit(guide):
    from django.core.cache import cache

    from articles.context_processors import SITE_NAME_KEY

    site = Site.objects.get_current()
    with TestCase.captureOnCommitCallbacks() as callbacks:
        site.name = "Renamed Clinic"
        site.save()
        cache.set(SITE_NAME_KEY, "Ketamine Infusion")  # another worker read the uncommitted old name
    for callback in callbacks:
        callback()
    assert "Renamed Clinic" in Client().get(guide.get_absolute_url()).content.decode()
