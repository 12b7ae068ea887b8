"""Defects a review found in the comments, each with the test that would have caught it."""

import pytest
from django.test import Client

from comments.models import Comment, DiscussionSettings
from comments.moderation import Submission, decide
from comments.threads import unapproved_token
from tests.conftest import comment_form_data


def test_a_body_full_of_brackets_is_refused_before_markdown_spends_seconds_on_it(client, guide):
    response = client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body="[" * 5000))
    assert response.status_code == 400
    assert "fewer square brackets" in response.content.decode()


@pytest.mark.parametrize("value", ["²", "١٢", "1" * 30, "0x10"])
def test_odd_reply_targets_show_the_normal_form_not_a_500(guide, value):
    response = Client().get(guide.get_absolute_url(), {"replytocom": value})
    assert response.status_code == 200
    assert "Leave a Reply" in response.content.decode()


def test_links_are_counted_in_every_markdown_form(db):
    rules = DiscussionSettings.get_solo()
    body = "[a](//one.example) [b](//two.example) <https://three.example>"
    decision = decide(Submission(name="A", email="a@example.com", website="", body=body), rules=rules)
    assert decision.reason == "Has 3 links (the limit is 2)."


def test_a_known_author_is_known_by_name_and_email_together(guide, make_comment):
    make_comment(guide, name="Ann Reader", email="ann@example.com")
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    borrowed = Submission(name="Mallory", email="ann@example.com", website="", body="Hi")
    assert decide(borrowed, rules=rules).status == Comment.Status.PENDING
    genuine = Submission(name="ann reader", email="ANN@example.com", website="", body="Hi")
    assert decide(genuine, rules=rules).status == Comment.Status.APPROVED


def test_a_removed_comment_is_not_shown_even_with_its_authors_link(guide, make_comment):
    comment = make_comment(guide, status=Comment.Status.PENDING, body="Spam shown via a shared link.")
    token = unapproved_token(comment)
    comment.status = Comment.Status.REMOVED
    comment.save()
    html = Client().get(guide.get_absolute_url(), {"unapproved": token}).content.decode()
    assert "Spam shown via a shared link." not in html


def test_the_heading_counts_only_comments_that_are_shown(guide, make_comment):
    parent = make_comment(guide)
    make_comment(guide, parent=parent)
    parent.status = Comment.Status.REMOVED
    parent.save()
    assert '<h2 id="comments-heading">Comments</h2>' in Client().get(guide.get_absolute_url()).content.decode()


def test_an_ip_entry_matches_that_address_only(db):
    rules = DiscussionSettings.get_solo()
    rules.disallowed_words = "10.0.0.1"
    near = Submission(name="A", email="a@example.com", website="", body="Hi", ip_address="10.0.0.12")
    exact = Submission(name="A", email="a@example.com", website="", body="Hi", ip_address="10.0.0.1")
    assert decide(near, rules=rules).status == Comment.Status.PENDING
    assert decide(exact, rules=rules).status == Comment.Status.SPAM


def test_a_comments_address_opens_its_page_of_threads(guide, make_comment, one_thread_per_page):
    make_comment(guide)
    second = make_comment(guide)
    assert second.get_absolute_url() == f"{guide.get_absolute_url()}?comments-page=2#comment-{second.pk}"
