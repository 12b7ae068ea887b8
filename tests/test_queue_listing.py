"""What each row of the queue shows: enough of the comment to decide, what it replies to, who wrote it."""

from django.urls import reverse

from comments.models import Comment
from tests.conftest import QUEUE

PENDING = Comment.Status.PENDING


def test_a_comment_of_a_few_sentences_is_shown_whole(moderator_client, guide, make_comment):
    body = "I had six sessions. " * 14  # 280 characters
    make_comment(guide, status=PENDING, body=body.strip())
    html = moderator_client.get(QUEUE).content.decode()
    assert f'<div class="comment-text">{body.strip()}</div>' in html


def test_a_long_comment_shows_an_excerpt_that_opens_in_place(moderator_client, guide, make_comment):
    body = "Word " * 300 + "THE END."
    make_comment(guide, status=PENDING, body=body)
    html = moderator_client.get(QUEUE).content.decode()
    assert '<details class="comment-text">' in html
    assert '<span class="comment-more">more</span>' in html
    assert f'<div class="comment-full">{body}</div>' in html  # the whole text, a click away


def test_a_reply_says_whom_it_answers(moderator_client, guide, make_comment):
    parent = make_comment(guide, name="Bea Original", body="Does the first session hurt?")
    make_comment(guide, parent=parent, status=PENDING, body="Not at all.")
    html = moderator_client.get(QUEUE).content.decode()
    parent_url = reverse("admin:comments_comment_change", args=[parent.pk])
    assert f'In reply to <a href="{parent_url}">Bea Original</a>: “Does the first session hurt?”' in html


def test_the_row_shows_the_authors_email_and_ip_and_when(moderator_client, guide, make_comment):
    make_comment(guide, status=PENDING, email="writer@example.com", ip_address="192.0.2.44")
    html = moderator_client.get(QUEUE).content.decode()
    assert "writer@example.com" in html
    assert "IP 192.0.2.44" in html
    assert '<th scope="col" class="sortable column-created_at' in html  # Posted


def test_a_pending_row_offers_approve_and_reply(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    html = moderator_client.get(QUEUE).content.decode()
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    assert f'<a href="{change_url}#id_staff_reply">Approve and reply</a>' in html
