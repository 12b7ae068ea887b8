"""Replying to a comment: saved under its parent, or refused with a message and the form where the reader needs it."""

import pytest

from comments.models import Comment
from tests.conftest import post_comment


def test_a_reply_is_saved_under_its_parent(client, guide, make_comment):
    parent = make_comment(guide)
    post_comment(client, guide, parent=str(parent.pk))
    reply = Comment.objects.get(parent=parent)
    assert (reply.root_id, reply.depth) == (parent.pk, 2)


@pytest.mark.parametrize("parent", ["abc", "1.5", "-1", "999999"])
def test_a_bad_parent_is_refused_with_a_message(client, guide, parent):
    response = post_comment(client, guide, parent=parent)
    assert response.status_code == 400
    assert "The comment you are replying to is not available." in response.content.decode()


def test_a_reply_to_a_pending_comment_is_refused(client, guide, make_comment):
    pending = make_comment(guide, status=Comment.Status.PENDING)
    response = post_comment(client, guide, parent=str(pending.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_of_another_article_is_refused(client, guide, make_article, make_comment):
    elsewhere = make_comment(make_article())
    response = post_comment(client, guide, parent=str(elsewhere.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_replies_stop_at_three_levels(client, guide, make_comment):
    first = make_comment(guide)
    second = make_comment(guide, parent=first)
    third = make_comment(guide, parent=second)
    response = post_comment(client, guide, parent=str(third.pk))
    assert response.status_code == 400
    assert "three levels" in response.content.decode()


def test_a_failed_reply_to_a_comment_on_a_later_page_shows_the_form_under_it(
    client, guide, make_comment, one_thread_per_page
):
    make_comment(guide, body="On page one.")
    parent = make_comment(guide, body="On page two.")
    response = post_comment(client, guide, parent=str(parent.pk), email="broken", body="My reply, kept.")
    html = response.content.decode()
    assert response.status_code == 400
    assert "On page two." in html and "On page one." not in html
    under_parent = html.split(f'id="comment-{parent.pk}"')[1]
    assert 'id="respond"' in under_parent
    assert "My reply, kept." in under_parent


def test_a_reply_whose_parent_vanished_offers_the_form_as_a_new_comment(client, guide, make_comment):
    parent = make_comment(guide)
    parent.status = Comment.Status.REMOVED
    parent.save()
    response = post_comment(client, guide, parent=str(parent.pk), body="Still my words.")
    html = response.content.decode()
    assert "The comment you are replying to is not available." in html
    assert "Leave a Reply" in html
    assert 'name="parent" value=""' in html
    assert "Still my words." in html
