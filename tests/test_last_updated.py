"""The article says when its content last changed, beside its review dates; a comment is no change to it."""

from datetime import UTC, date, datetime

from django.test import Client

from articles.models import Article

PUBLISHED = datetime(2026, 5, 3, 14, 2, tzinfo=UTC)


def byline(article: Article) -> str:
    html = Client().get(article.get_absolute_url()).content.decode()
    return html[html.index('<dl class="medical-review">') : html.index("</dl>")]


def test_last_updated_stands_in_the_byline_beside_the_review_dates(make_article):
    article = make_article(published_at=PUBLISHED, last_reviewed=date(2026, 10, 1))
    article.introduction = "A corrected introduction."
    article.save()
    shown = byline(article)
    assert '<dt>Published</dt>\n    <dd><time datetime="2026-05-03T14:02:00+00:00">3 May 2026</time></dd>' in shown
    today = article.updated_at.strftime("%Y-%m-%d")
    assert f'<dt>Last updated</dt><dd><time datetime="{today}T' in shown
    assert shown.index("Last updated") < shown.index("Last reviewed")


def test_an_approved_comment_does_not_change_last_updated(make_article, make_comment):
    article = make_article(published_at=PUBLISHED)
    edited = Article.objects.get(pk=article.pk).updated_at
    make_comment(article)
    assert Article.objects.get(pk=article.pk).updated_at == edited
    assert byline(article).count("Last updated") == 1
