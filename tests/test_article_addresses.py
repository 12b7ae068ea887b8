"""A published article's old addresses keep working: one 301 to the current one, never a collision."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from articles.models import Article, OldAddress
from tests.admin_forms import ADD, article_form


def rename(article, slug):
    article.slug = slug
    article.full_clean()
    article.save()


def test_renaming_a_published_article_redirects_the_old_address(make_article):
    article = make_article(slug="first-name")
    rename(article, "second-name")
    response = Client().get("/articles/first-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/second-name/"


def test_a_chain_of_renames_is_one_hop(make_article):
    article = make_article(slug="one")
    rename(article, "two")
    rename(article, "three")
    for old in ("one", "two"):
        response = Client().get(f"/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/articles/three/")


def test_renaming_back_drops_the_redirect_of_the_current_address(make_article):
    article = make_article(slug="a-name")
    rename(article, "b-name")
    rename(article, "a-name")
    assert Client().get("/articles/a-name/").status_code == 200
    assert Client().get("/articles/b-name/")["Location"] == "/articles/a-name/"
    assert not OldAddress.objects.filter(slug="a-name").exists()


def test_a_draft_that_was_never_published_keeps_no_old_address(make_article):
    article = make_article(slug="draft-name", status=Article.Status.DRAFT)
    rename(article, "new-draft-name")
    assert not OldAddress.objects.exists()


def test_an_old_address_of_an_unpublished_article_is_404_for_readers(make_article):
    article = make_article(slug="was-live")
    rename(article, "now-draft")
    article.status = Article.Status.DRAFT
    article.save()
    assert Client().get("/articles/was-live/").status_code == 404


def test_a_slug_may_not_take_another_articles_old_address(make_article):
    first = make_article(slug="shared")
    rename(first, "first-renamed")
    second = make_article(slug="second")
    second.slug = "shared"
    with pytest.raises(ValidationError, match="used this address before"):
        second.full_clean()


def test_the_admin_refuses_a_slug_taken_by_an_old_address(editor_client, make_article):
    rename(make_article(slug="taken-before"), "moved-on")
    response = editor_client.post(ADD, article_form(slug="taken-before"))
    assert response.status_code == 200
    assert "used this address before and it still leads there" in response.content.decode()


def test_an_old_address_may_not_be_a_current_one(make_article):
    make_article(slug="current")
    with pytest.raises(ValidationError, match="An article has this address now"):
        OldAddress(article=make_article(slug="other"), slug="current").full_clean()
