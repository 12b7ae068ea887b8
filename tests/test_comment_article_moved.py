"""A reader opened the form, then the article moved or went away before they sent it: nothing typed is lost."""

from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from tests.conftest import comment_form_data

TEXT = "I wrote this before the article changed."


def post_to(slug: str, client, data):
    return client.post(reverse("comments:post", kwargs={"slug": slug}), data)


def test_a_comment_sent_to_the_old_address_of_a_renamed_article_is_taken(client, guide):
    old_slug = guide.slug
    form = comment_form_data(guide, body=TEXT)  # the form as the reader opened it
    guide.slug = "ketamine-infusion-uses"
    guide.save()

    response = post_to(old_slug, client, form)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/articles/ketamine-infusion-uses/?unapproved=")
    assert (comment.article, comment.body) == (guide, TEXT)


def test_a_refused_post_to_the_old_address_shows_the_article_at_its_new_one(client, guide):
    old_slug = guide.slug
    form = comment_form_data(guide, body=TEXT, email="reader@invalid")
    guide.slug = "ketamine-infusion-uses"
    guide.save()

    response = post_to(old_slug, client, form)
    html = response.content.decode()
    assert response.status_code == 400
    assert TEXT in html
    assert 'action="/articles/ketamine-infusion-uses/comments/#error-summary"' in html


def test_a_comment_sent_to_an_article_unpublished_meanwhile_is_shown_back(client, guide):
    form = comment_form_data(guide, body=TEXT)
    guide.status = Article.Status.DRAFT
    guide.save()

    response = post_to(guide.slug, client, form)
    html = response.content.decode()
    assert response.status_code == 404
    assert "This article is no longer available" in html
    assert TEXT in html
    assert not Comment.objects.exists()


def test_a_comment_sent_to_an_article_deleted_meanwhile_is_shown_back(client, guide):
    form = comment_form_data(guide, body="Line one.\n<b>Line two</b>")
    slug = guide.slug
    guide.delete()

    response = post_to(slug, client, form)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Line one.<br>&lt;b&gt;Line two&lt;/b&gt;" in html  # shown as text, never as markup
