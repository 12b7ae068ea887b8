"""An author who edits their comment into crisis language is cared for as one who posts it: held,
marked for the moderators, and their mail goes at once (the edit path runs the same rules)."""

import pytest
from django.test import Client

from articles.models import Topic
from comments.models import Comment
from tests.conftest import post_comment


@pytest.fixture
def mental_health_guide(guide):
    Topic.objects.filter(pk=guide.topic_id).update(is_mental_health=True)
    guide.refresh_from_db()
    return guide


def test_an_edit_into_crisis_language_is_held_and_marked_a_possible_crisis(mental_health_guide):
    client = Client()
    post_comment(client, mental_health_guide, body="Thank you for this clear guide.")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    edit = f"/articles/{mental_health_guide.slug}/comments/{comment.pk}/edit/"
    response = client.post(edit, {"body": "Honestly some days I want to die."})
    assert response.status_code in (200, 302)
    comment.refresh_from_db()
    assert comment.body == "Honestly some days I want to die."
    assert comment.status == Comment.Status.PENDING
    assert comment.crisis_phrase == "want to die"
    assert comment.status_reason.startswith("Edited by its author. Possible crisis")
