"""Readers who carry none of this site's cookies get one page: the same bytes, held by any cache."""

import re

import pytest
from django.contrib.sites.models import SITE_CACHE, Site
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext

from articles.page_cache import keep_shared_page, page_versions, site_cookies
from comments.models import Comment
from tests.conftest import comment_form_data


def queries_for(client, article, data=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url(), data or {}).content.decode()
    return len(queries.captured_queries), html


def warm(article) -> None:
    """A first reader renders the page and leaves it in the cache."""
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_two_new_readers_and_one_with_an_analytics_cookie_get_the_same_bytes(guide, make_comment):
    make_comment(guide, body="An approved comment.")
    first = Client().get(guide.get_absolute_url())
    second = Client().get(guide.get_absolute_url())
    analytics = Client()
    analytics.cookies["_ga"] = "GA1.1.1234567890.1700000000"
    third = analytics.get(guide.get_absolute_url())
    assert first.content == second.content == third.content
    assert first["ETag"] == second["ETag"] == third["ETag"]
    assert "Leave a Reply" in first.content.decode() and "An approved comment." in first.content.decode()


def test_a_page_rendered_again_by_another_worker_has_the_same_bytes_and_etag(guide):
    first = Client().get(guide.get_absolute_url())
    caches["pages"].clear()  # another worker, which has not rendered the page yet
    again = Client().get(guide.get_absolute_url())
    assert first.content == again.content
    assert first["ETag"] == again["ETag"]


def test_the_shared_page_holds_no_token_and_sets_no_cookie(guide):
    response = Client().get(guide.get_absolute_url())
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_shared_caches_may_hold_the_shared_page_a_few_seconds(guide):
    response = Client().get(guide.get_absolute_url())
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=5", "stale-while-revalidate=60"} == directives
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])  # strong: the same bytes for everyone
    assert "Cookie" in response["Vary"]


def test_a_reader_without_cookies_gets_the_page_without_a_query(guide, django_assert_max_num_queries):
    warm(guide)
    with django_assert_max_num_queries(0):
        response = Client().get(guide.get_absolute_url())
    assert "Frequently Asked Questions" in response.content.decode()


def test_a_browser_that_has_the_shared_page_gets_a_304_without_a_query(guide, django_assert_max_num_queries):
    first = Client().get(guide.get_absolute_url())
    with django_assert_max_num_queries(0):
        again = Client().get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_browser_that_has_the_page_gets_a_304_from_a_worker_that_renders_it_anew(guide):
    first = Client().get(guide.get_absolute_url())
    caches["pages"].clear()
    assert Client().get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_moderation_decision_retires_the_shared_page(guide, make_comment):
    comment = make_comment(guide, status=Comment.Status.PENDING, body="Approved later.")
    first = Client().get(guide.get_absolute_url())
    comment.status = Comment.Status.APPROVED
    comment.save()
    again = Client().get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Approved later." in again.content.decode()


def test_a_decision_shows_after_the_shared_cache_restarts_while_a_worker_keeps_the_old_page(guide, make_comment):
    """The versions that retire pages live in the shared cache; the pages in each worker's own.

    A version lost with the shared cache must never come back to the value an old page was kept
    under, or that page would be served again.
    """
    comment = make_comment(guide, status=Comment.Status.PENDING, body="Approved later.")
    caches["default"].clear()  # the shared cache restarted
    warm(guide)  # a worker keeps the page without the comment
    comment.status = Comment.Status.APPROVED
    comment.save()
    caches["default"].clear()  # and restarted again before anyone read the page
    assert "Approved later." in Client().get(guide.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "personal",
    [
        {"cookies": {"comment_author": '{"name": "Remembered Ann"}'}},
        {"cookies": {"sessionid": "abc"}},
        {"cookies": {"csrftoken": "a" * 32}},
        {"cookies": {"messages": "x"}},
        {"query": {"utm_source": "newsletter"}},
        {"query": {"comments-page": "1"}},
    ],
    ids=["remembered author", "session", "csrf", "messages", "query string", "comment page"],
)
def test_a_reader_with_anything_of_the_sites_own_gets_a_private_page(guide, personal):
    warm(guide)
    client = Client()
    for name, value in personal.get("cookies", {}).items():
        client.cookies[name] = value
    response = client.get(guide.get_absolute_url(), personal.get("query", {}))
    assert response["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response["Vary"]
    assert response["ETag"].startswith('W/"')
    html = response.content.decode()
    if "comment_author" in personal.get("cookies", {}):
        assert 'value="Remembered Ann"' in html
    assert 'value="Remembered Ann"' not in Client().get(guide.get_absolute_url()).content.decode()


def test_a_remembered_authors_page_answers_304_while_unchanged(guide):
    client = Client()
    client.cookies["comment_author"] = '{"name": "Remembered Ann"}'
    first = client.get(guide.get_absolute_url())
    again = client.get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, no-cache"


def test_the_list_of_the_sites_cookies_holds_each_one_it_sets(settings):
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages", "comment_author"} <= set(
        site_cookies()
    )


def test_a_comment_authors_pending_comment_never_reaches_the_shared_page(client, guide):
    response = client.post(f"{guide.get_absolute_url()}comments/", comment_form_data(guide, remember="on"))
    assert response.status_code == 302
    mine = client.get(response["Location"]).content.decode()
    assert "Thank you, this answered my question." in mine
    assert "Thank you, this answered my question." not in Client().get(guide.get_absolute_url()).content.decode()
    # The author's own page, with the cookie and no query string, is theirs alone too.
    assert client.get(guide.get_absolute_url())["Cache-Control"] == "private, no-cache"


def test_signed_in_staff_never_get_or_leave_the_shared_page(guide, editor):
    staff = Client()
    staff.force_login(editor)
    staffs = staff.get(guide.get_absolute_url())
    assert staffs["Cache-Control"] == "private, no-cache"
    assert queries_for(Client(), guide)[0] >= 1  # the staff member's page was not kept for readers
    assert staff.get(guide.get_absolute_url())["Cache-Control"] == "private, no-cache"  # nor staff the readers' page


def test_a_staff_preview_is_never_stored(make_article, editor):
    draft = make_article(status="draft")
    staff = Client()
    staff.force_login(editor)
    response = staff.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_page_kept_for_one_name_of_the_site_carries_no_host_to_a_reader_of_another(guide, settings):
    """Each name gets the page naming the site's one address (SITE_URL), never the Host another sent."""
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    settings.SITE_URL = "https://guide.example.org"
    Client().get(guide.get_absolute_url(), HTTP_HOST="one.example")
    html = Client().get(guide.get_absolute_url(), HTTP_HOST="two.example").content.decode()
    assert f'<link rel="canonical" href="https://guide.example.org{guide.get_absolute_url()}">' in html
    assert "one.example" not in html and "two.example" not in html


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
    reader = RequestFactory().get(guide.get_absolute_url())
    with TestCase.captureOnCommitCallbacks() as callbacks:
        if change == "comment":
            make_comment(guide, body="Committed later.")
        else:
            guide.summary = "Committed later."
            guide.save()
        # Another worker renders now: it cannot see the uncommitted change, yet keeps its
        # page under the versions the save just set.
        keep_shared_page(reader, guide.slug, guide.pk, page_versions(guide.pk), b"<p>The page before the change.</p>")
        assert b"before the change" in Client().get(guide.get_absolute_url()).content
    for callback in callbacks:
        callback()
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "before the change" not in html
    assert "Committed later." in html


def test_an_old_address_keeps_redirecting_and_a_missing_page_stays_missing(guide):
    old_slug = guide.slug
    guide.slug = "ketamine-infusion-uses"
    guide.save()
    for _ in range(2):
        assert Client().get(f"/articles/{old_slug}/").status_code == 301
        assert Client().get("/articles/no-such-article/").status_code == 404


def test_a_head_request_is_answered_from_the_cached_page(guide, django_assert_max_num_queries):
    warm(guide)
    with django_assert_max_num_queries(0):
        response = Client().head(guide.get_absolute_url())
    assert response.status_code == 200
    assert response["ETag"]


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
