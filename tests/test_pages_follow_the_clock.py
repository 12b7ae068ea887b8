"""What changes with the clock alone reaches readers of cached pages within the five-minute slot.

No save retires a page when a scheduled article goes live or when comments close by age: the
cached page, body and comment list are bounded by page_cache.TIMEOUT_SECONDS instead. These
tests move the clock across that bound, for the reader who gets the shared page and for one who
carries the site's cookie, and assert what each receives.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from articles.page_cache import TIMEOUT_SECONDS
from comments.models import DiscussionSettings

# The start of a five-minute slot: the page is first read at its very beginning or near its end.
SLOT_START = datetime(2030, 3, 4, 10, 0, tzinfo=UTC)
assert SLOT_START.timestamp() % TIMEOUT_SECONDS == 0
FIRST_READ = {"early in the slot": timedelta(seconds=1), "late in the slot": timedelta(seconds=TIMEOUT_SECONDS - 2)}
WAIT = timedelta(seconds=TIMEOUT_SECONDS)


def reader(kind: str) -> Client:
    client = Client()
    if kind == "remembered reader":
        client.cookies["comment_author"] = '{"name": "Ann"}'
    return client


@pytest.fixture
def clock():
    with time_machine.travel(SLOT_START, tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("first_read", FIRST_READ.values(), ids=FIRST_READ.keys())
@pytest.mark.parametrize("kind", ["new reader", "remembered reader"])
def test_a_scheduled_related_article_shows_on_cached_pages_within_five_minutes_of_going_live(
    clock, make_article, first_read, kind
):
    clock.move_to(SLOT_START + first_read)
    goes_live = SLOT_START + first_read + timedelta(seconds=1)
    article = make_article(title="The article read")
    article.related_articles.add(make_article(title="The scheduled neighbour", published_at=goes_live))
    assert "The scheduled neighbour" not in reader(kind).get(article.get_absolute_url()).content.decode()

    clock.move_to(goes_live + WAIT)
    html = reader(kind).get(article.get_absolute_url()).content.decode()
    assert "The scheduled neighbour" in html


@pytest.mark.parametrize("first_read", FIRST_READ.values(), ids=FIRST_READ.keys())
@pytest.mark.parametrize("kind", ["new reader", "remembered reader"])
def test_comments_closing_by_age_close_on_cached_pages_within_five_minutes(
    clock, make_article, make_comment, first_read, kind
):
    rules = DiscussionSettings.get_solo()
    rules.close_after_days = 30
    rules.save()
    clock.move_to(SLOT_START + first_read)
    closes = SLOT_START + first_read + timedelta(seconds=1)
    article = make_article(published_at=closes - timedelta(days=30))
    make_comment(article, body="An early comment.")
    before = reader(kind).get(article.get_absolute_url()).content.decode()
    assert "Leave a Reply" in before and 'class="comment-reply"' in before

    clock.move_to(closes + WAIT)
    html = reader(kind).get(article.get_absolute_url()).content.decode()
    assert "An early comment." in html
    assert "Comments are closed." in html
    assert "Leave a Reply" not in html
    assert 'class="comment-reply"' not in html  # no Reply link under the comment either


@pytest.mark.parametrize("kind", ["new reader", "remembered reader"])
def test_a_page_read_before_the_slot_turns_is_sent_again_not_a_304_after_it(clock, make_article, kind):
    """A browser's copy, revalidated after the slot turned, is replaced: the page changed with the clock."""
    clock.move_to(SLOT_START + timedelta(seconds=TIMEOUT_SECONDS - 2))
    article = make_article(title="The article read")
    article.related_articles.add(
        make_article(title="The scheduled neighbour", published_at=SLOT_START + timedelta(seconds=TIMEOUT_SECONDS - 1))
    )
    browser = reader(kind)
    first = browser.get(article.get_absolute_url())
    assert browser.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    clock.move_to(SLOT_START + timedelta(seconds=2 * TIMEOUT_SECONDS))
    again = browser.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "The scheduled neighbour" in again.content.decode()
