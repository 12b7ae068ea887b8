"""Draft, scheduled or published: one state, compared by value and shown by its label wherever staff read it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

SCHEDULED_TIME = {"published_at": timezone.now() + timedelta(days=2)}


@pytest.mark.parametrize(
    ("fields", "notice"),
    [({"status": Article.Status.DRAFT}, "This is a draft."), (SCHEDULED_TIME, "Scheduled for")],
    ids=["draft", "scheduled"],
)
def test_an_editors_preview_says_whether_the_article_is_a_draft_or_scheduled(
    editor_client, make_article, fields, notice
):
    html = editor_client.get(make_article(**fields).get_absolute_url()).content.decode()
    assert notice in html


def test_a_moderator_reads_a_scheduled_articles_state_by_its_label_without_a_link(
    moderator_client, make_article, make_comment
):
    article = make_article(title="Coming soon", **SCHEDULED_TIME)
    comment = make_comment(article)
    html = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    assert "Coming soon (scheduled: not on the site)" in html
    assert f'href="{article.get_absolute_url()}"' not in html


def test_the_publish_action_counts_scheduled_articles_apart(editor_client, make_article):
    waiting = make_article(status=Article.Status.DRAFT, **SCHEDULED_TIME)
    draft = make_article(status=Article.Status.DRAFT)
    data = {"action": "publish", "_selected_action": [waiting.pk, draft.pk]}
    response = editor_client.post(reverse("admin:articles_article_changelist"), data, follow=True)
    assert "1 article published. 1 scheduled: their publish time is still ahead." in response.content.decode()
