"""One date format across the site and the admin: "1 December 2026" and "1 December 2026, 14:05"."""

from datetime import UTC, datetime

from django.test import Client
from django.urls import reverse

from articles.models import Article

PUBLISHED = datetime(2026, 5, 3, 14, 2, tzinfo=UTC)


def test_readers_see_the_day_month_and_year(make_article):
    article = make_article(published_at=PUBLISHED)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert ">3 May 2026</time>" in html
    assert "3 May 2026" in Client().get("/").content.decode()


def test_the_admin_list_shows_publish_times_the_same_way(editor_client, make_article):
    make_article(published_at=PUBLISHED)
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '<td class="field-published_at nowrap">3 May 2026, 14:02</td>' in html


def test_a_scheduled_preview_names_its_publish_time_the_same_way(editor_client, make_article):
    article = make_article(published_at=datetime(2099, 12, 1, 9, 5, tzinfo=UTC))
    assert article.publication_state() == Article.PublicationState.SCHEDULED
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Scheduled for 1 December 2099, 09:05." in html
    assert Article.objects.published().count() == 0
