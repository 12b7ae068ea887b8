"""The address the form posts to: POST only, and only to a published article."""

import pytest
from django.test import Client

from articles.models import Article
from comments.models import Comment
from tests.conftest import comment_post_url, post_comment


def test_get_on_the_post_address_is_405_with_a_page(client, guide):
    response = client.get(comment_post_url(guide))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Leave a Reply" in response.content.decode()


@pytest.mark.parametrize("status", [Article.Status.DRAFT])
def test_a_post_to_a_draft_is_404(client, make_article, status):
    article = make_article(status=status)
    assert post_comment(client, article).status_code == 404
    assert not Comment.objects.exists()


def test_a_post_to_a_missing_article_is_404(client, db):
    response = Client().post("/articles/no-such-article/comments/", {"name": "x"})
    assert response.status_code == 404
