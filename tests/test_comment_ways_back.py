"""Every page a reader can reach from the comment form leads back to the article."""

from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.conftest import comment_form_data, post_comment


def comments_address(slug: str) -> str:
    return reverse("comments:post", kwargs={"slug": slug})


def test_opening_the_comment_address_links_back_to_its_article(client, guide):
    # A refused post leaves /comments/ in the address bar: a phone that reloads the tab opens it.
    response = client.get(comments_address(guide.slug))

    assert response.status_code == 405
    page = response.content.decode()
    assert f'href="{guide.get_absolute_url()}#respond"' in page
    assert guide.title in page


def test_the_comment_address_of_a_renamed_article_links_to_its_new_address(client, guide):
    old_slug = guide.slug
    guide.slug = "renamed-guide"
    guide.save()

    page = client.get(comments_address(old_slug)).content.decode()

    assert 'href="/articles/renamed-guide/#respond"' in page


def test_the_comment_address_of_an_unpublished_article_links_to_all_articles_only(client, guide):
    guide.status = Article.Status.DRAFT
    guide.save()

    response = client.get(comments_address(guide.slug))

    assert response.status_code == 405
    page = response.content.decode()
    assert guide.get_absolute_url() not in page
    assert f'href="{reverse("articles:list")}"' in page


def test_a_comment_in_another_encoding_links_back_to_the_article(guide):
    body = urlencode(comment_form_data(guide, body="Très bien"), encoding="latin-1").encode()
    latin_1 = "application/x-www-form-urlencoded; charset=iso-8859-1"

    response = Client().post(comments_address(guide.slug), data=body, content_type=latin_1)

    assert response.status_code == 400
    assert f'href="{guide.get_absolute_url()}#respond"' in response.content.decode()


def test_a_failed_form_check_elsewhere_links_to_all_articles(db):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert f'href="{reverse("articles:list")}"' in response.content.decode()


def test_links_on_a_refused_post_lead_to_the_article_not_the_post_address(
    client, guide, make_comment, one_thread_per_page
):
    """A refused post is shown at /articles/<slug>/comments/: its links must not be relative to that."""
    make_comment(guide)
    make_comment(guide)
    html = post_comment(client, guide, email="broken").content.decode()
    article = guide.get_absolute_url()
    assert f'href="{article}?replytocom=' in html
    assert f'href="{article}?comments-page=2#comments"' in html
    assert 'href="?' not in html
