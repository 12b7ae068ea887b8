"""Nobody but the author reaches a waiting comment through a link; staff get none from the admin."""

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from comments.threads import unapproved_token
from tests.conftest import comment_form_data

SITE = "https://guide.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def shortcut(comment) -> str:
    """The admin's "View on site" address (/admin/r/<type>/<id>/), open to any staff user."""
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Comment).pk, comment.pk])


@pytest.fixture
def waiting(guide, make_comment):
    return make_comment(guide, status=Comment.Status.PENDING, body="Waiting, not public.")


def test_an_editor_gets_no_link_that_shows_a_waiting_comment(editor_client, waiting):
    response = editor_client.get(shortcut(waiting))
    assert response.status_code == 302
    assert "unapproved" not in response["Location"]
    # Whoever follows that address sees the article without the waiting comment.
    assert "Waiting, not public." not in Client().get(response["Location"]).content.decode()


def test_a_moderator_sees_no_view_on_site_button_for_a_waiting_comment(client, moderator, waiting):
    client.force_login(moderator)
    page = client.get(reverse("admin:comments_comment_change", args=[waiting.pk])).content.decode()
    assert "View on site" not in page
    assert "unapproved" not in page


def test_view_on_site_for_an_approved_comment_opens_it_on_the_sites_address(client, moderator, make_comment, guide):
    client.force_login(moderator)
    comment = make_comment(guide)
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    assert f'href="{SITE}{guide.get_absolute_url()}#comment-{comment.pk}"' in page
    assert "View on site" in page


def test_the_author_still_lands_on_their_waiting_comment(client, guide):
    response = client.post(
        reverse("comments:post", kwargs={"slug": guide.slug}), comment_form_data(guide, body="My own question.")
    )
    assert "unapproved=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "My own question." in page and "Your comment is awaiting moderation." in page


def test_the_article_link_on_a_comment_opens_its_public_page(client, moderator, make_comment, guide):
    client.force_login(moderator)
    comment = make_comment(guide)
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    assert f'<a href="{guide.get_absolute_url()}">{guide.title}</a>' in page
    assert reverse("admin:articles_article_change", args=[guide.pk]) not in page  # a 403 for a moderator
    assert client.get(guide.get_absolute_url()).status_code == 200


def test_a_comment_on_an_unpublished_article_names_it_without_a_link(client, moderator, make_comment, guide):
    Article.objects.filter(pk=guide.pk).update(status=Article.Status.DRAFT)
    client.force_login(moderator)
    comment = make_comment(guide)
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    assert f"{guide.title} (draft: not on the site)" in page
    assert f'href="{guide.get_absolute_url()}"' not in page
    assert reverse("admin:articles_article_change", args=[guide.pk]) not in page


def test_staff_without_comment_rights_cannot_open_a_waiting_comment(editor_client, waiting):
    assert editor_client.get(reverse("admin:comments_comment_change", args=[waiting.pk])).status_code == 403
    assert User.objects.get(username="editor").has_perm("comments.view_comment") is False


def test_a_removed_comment_is_not_shown_even_with_its_authors_link(guide, make_comment):
    comment = make_comment(guide, status=Comment.Status.PENDING, body="Spam shown via a shared link.")
    token = unapproved_token(comment)
    comment.status = Comment.Status.REMOVED
    comment.save()
    html = Client().get(guide.get_absolute_url(), {"unapproved": token}).content.decode()
    assert "Spam shown via a shared link." not in html
