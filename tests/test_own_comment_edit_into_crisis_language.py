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
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Honestly some days I want to die."
    assert comment.status == Comment.Status.PENDING
    assert comment.crisis_phrase == "want to die"
    assert comment.status_reason.startswith("Edited by its author. Possible crisis")


def test_a_comment_in_spam_edited_into_crisis_language_leaves_the_spam_folder_for_the_queue(
    mental_health_guide, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    """A person who may be in danger must reach a person, never the spam folder (moderation.decide):
    an edit of a spam comment into crisis language is held, marked and mailed, as a post is."""
    client = Client()
    post_comment(client, mental_health_guide, body="Thank you for this clear guide.")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.SPAM)
    edit = f"/articles/{mental_health_guide.slug}/comments/{comment.pk}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"body": "Honestly some days I want to die."})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#comment-{comment.pk}-help")
    comment.refresh_from_db()
    assert (comment.status, comment.crisis_phrase) == (Comment.Status.PENDING, "want to die")
    assert [m["Subject"].startswith("[Possible crisis]") for m in smtp_inbox.messages] == [True]


def test_a_comment_in_spam_edited_otherwise_stays_spam(mental_health_guide):
    client = Client()
    post_comment(client, mental_health_guide, body="Thank you for this clear guide.")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.SPAM)
    client.post(f"/articles/{mental_health_guide.slug}/comments/{comment.pk}/edit/", {"body": "Thanks again."})
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("Thanks again.", Comment.Status.SPAM)
