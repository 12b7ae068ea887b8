"""The article says when what readers see of it last changed, beside its review dates.

A comment, closing comments, or a save with nothing changed is no change to it; an edit of
a section alone is.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from articles.article_body import store_bodies
from articles.models import Article

PUBLISHED = datetime(2026, 5, 3, 14, 2, tzinfo=UTC)
LONG_AGO = PUBLISHED + timedelta(days=1)


def byline(article: Article) -> str:
    html = Client().get(article.get_absolute_url()).content.decode()
    return html[html.index('<dl class="medical-review">') : html.index("</dl>")]


@pytest.fixture
def settled_article(make_article):
    """Published in May, last changed the day after, seen by readers since."""
    article = make_article(published_at=PUBLISHED, last_reviewed=date(2026, 10, 1))
    # As a deploy would find it: a body made with other templates is made again, with no change dated.
    Article.objects.filter(pk=article.pk).update(content_changed_at=LONG_AGO, body_html_version="")
    store_bodies([article.pk])
    return Article.objects.get(pk=article.pk)


def test_last_updated_stands_in_the_byline_beside_the_review_dates(settled_article):
    shown = byline(settled_article)
    assert '<dt>Published</dt>\n    <dd><time datetime="2026-05-03T14:02:00+00:00">3 May 2026</time></dd>' in shown
    assert '<dt>Last updated</dt><dd><time datetime="2026-05-04T14:02:00+00:00">4 May 2026</time></dd>' in shown
    assert shown.index("Last updated") < shown.index("Last reviewed")


def test_an_edit_readers_see_dates_last_updated_even_of_a_section_alone(settled_article):
    section = settled_article.sections.first()
    section.body = "A corrected paragraph."
    section.save()
    assert "4 May 2026" not in byline(settled_article)
    assert Article.objects.get(pk=settled_article.pk).content_changed_at.date() > LONG_AGO.date()


def test_a_comment_does_not_change_last_updated(settled_article, make_comment):
    make_comment(settled_article)
    assert "4 May 2026" in byline(settled_article)


def test_closing_comments_or_saving_with_nothing_changed_does_not_change_last_updated(settled_article):
    settled_article.comments_open = False
    settled_article.save()
    settled_article.save()
    assert Article.objects.get(pk=settled_article.pk).content_changed_at == LONG_AGO
    assert "4 May 2026" in byline(settled_article)


def test_an_article_never_changed_since_publication_shows_no_last_updated(make_article):
    article = make_article(published_at=PUBLISHED, sections=0, takeaways=0, faqs=0)
    assert "Last updated" not in byline(article)
