"""Every `<time datetime>` a reader's page carries is a value HTML accepts (the Nu checker reported microseconds)."""

import re
from datetime import UTC, datetime, timedelta

from django.test import Client

DATETIME_ATTRIBUTE = re.compile(r'<time datetime="([^"]*)"')
# HTML's valid date string, or a global date and time string with at most three digits of a second.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?$")


def datetime_values(html: str) -> list[str]:
    return DATETIME_ATTRIBUTE.findall(html)


def test_article_comment_and_home_times_are_valid_html_to_the_second(make_article, make_comment):
    article = make_article(published_at=datetime(2026, 5, 3, 14, 2, 7, 123456, tzinfo=UTC))
    article.published_at -= timedelta(days=3)  # "Last updated" shows, from updated_at (with microseconds)
    article.save()
    make_comment(article)
    page = Client().get(article.get_absolute_url()).content.decode()
    home = Client().get("/").content.decode()
    values = datetime_values(page) + datetime_values(home)
    assert len(values) >= 4  # published, last updated, the comment, the home list
    assert [value for value in values if not VALID.match(value)] == []
    assert '<time datetime="2026-04-30T14:02:07+00:00">' in page
