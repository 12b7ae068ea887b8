"""A bulk action posted with a row id that is no number is refused with a message, never a 500."""

import pytest
from django.urls import reverse

from articles.models import Article
from comments.models import Comment

DAMAGED = {"index": "0", "_selected_action": ["abc"]}


def test_a_damaged_selection_in_the_queue_changes_nothing_and_says_so(client, moderator, guide, make_comment):
    client.force_login(moderator)
    comment = make_comment(guide, status=Comment.Status.PENDING)
    queue = reverse("admin:comments_comment_changelist")
    response = client.post(queue, DAMAGED | {"action": "approve"}, follow=True)
    assert response.status_code == 200
    assert "the selection was damaged" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_a_damaged_selection_of_articles_changes_nothing_and_says_so(editor_client, guide, action):
    articles = reverse("admin:articles_article_changelist")
    response = editor_client.post(articles, DAMAGED | {"action": action}, follow=True)
    assert response.status_code == 200
    assert "the selection was damaged" in response.content.decode()
    assert Article.objects.get(pk=guide.pk).status == Article.Status.PUBLISHED
