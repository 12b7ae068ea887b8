"""Staff see drafts and scheduled articles at their public address, as readers will, under a banner."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article


@pytest.mark.parametrize(
    ("fields", "note"),
    [({"status": Article.Status.DRAFT}, "This is a draft."), ({"published_at": "future"}, "Scheduled for")],
    ids=["draft", "scheduled"],
)
def test_editors_preview_unpublished_articles_under_a_banner(editor_client, make_article, fields, note):
    if fields.get("published_at") == "future":
        fields = {"published_at": timezone.now() + timedelta(days=3)}
    article = make_article(title="Coming soon", **fields)
    response = editor_client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: not published." in html
    assert note in html
    assert "<h1>Coming soon</h1>" in html
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "private" in cache_control


def test_readers_get_404_for_the_same_address(make_article):
    article = make_article(status=Article.Status.DRAFT)
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_staff_without_article_rights_get_404(client, staff_without_article_rights, make_article):
    article = make_article(status=Article.Status.DRAFT)
    client.force_login(staff_without_article_rights)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_published_article_shows_no_banner_to_editors(editor_client, guide):
    response = editor_client.get(guide.get_absolute_url())
    assert "Preview: not published" not in response.content.decode()
    assert "no-store" not in response["Cache-Control"]  # private, as every signed-in page, but not a preview


def test_a_preview_offers_no_comment_form_but_says_comments_will_open(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Leave a Reply" not in html and "<textarea" not in html
    assert "Comments will open when this article is published." in html
    assert "Comments are closed." not in html


def test_a_preview_of_an_article_with_comments_turned_off_says_they_are_closed(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT, comments_open=False)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in html
    assert "Comments will open" not in html


def test_a_preview_of_a_deleted_article_is_404(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    address = article.get_absolute_url()
    article.delete()
    assert editor_client.get(address).status_code == 404


def test_a_scheduled_article_appears_for_readers_at_its_time(make_article):
    """No cron job: published() compares with the clock, so the article appears by itself."""
    article = make_article(title="Scheduled", published_at=timezone.now() + timedelta(minutes=1))
    assert Client().get(article.get_absolute_url()).status_code == 404
    assert "Scheduled" not in Client().get("/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert Client().get(article.get_absolute_url()).status_code == 200
        assert "Scheduled" in Client().get("/").content.decode()
