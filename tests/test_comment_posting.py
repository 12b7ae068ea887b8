"""Posting a comment that is taken: saved as sent, and the reader sent to where it waits."""

from urllib.parse import urlencode

import pytest

from comments.models import Comment, DiscussionSettings
from tests.conftest import comment_form_data, comment_post_url, post_comment


def test_a_valid_comment_waits_for_moderation_and_redirects_to_its_place(client, guide):
    response = post_comment(client, guide, website="https://ann.example")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(guide.get_absolute_url() + "?unapproved=")
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.status == Comment.Status.PENDING
    assert (comment.name, comment.email, comment.website) == ("Ann Reader", "ann@example.com", "https://ann.example")
    assert comment.body_html == "<p>Thank you, this answered my question.</p>"


def test_an_approved_comment_redirects_without_the_unapproved_token(client, guide, make_comment):
    make_comment(guide, email="ann@example.com")
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    rules.save()
    response = post_comment(client, guide)
    assert "unapproved" not in response["Location"]
    assert Comment.objects.latest("created_at").status == Comment.Status.APPROVED


def test_a_comment_on_a_later_page_redirects_to_that_page(client, guide, make_comment):
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 2
    rules.auto_approve_known_authors = True
    rules.save()
    for _ in range(4):
        make_comment(guide)
    response = post_comment(client, guide)
    assert "comments-page=3" in response["Location"]


def test_ip_address_and_browser_are_stored_for_moderators(client, guide):
    client.post(
        comment_post_url(guide), comment_form_data(guide), HTTP_USER_AGENT="TestBrowser/1.0", REMOTE_ADDR="192.0.2.44"
    )
    comment = Comment.objects.get()
    assert comment.ip_address == "192.0.2.44"
    assert comment.user_agent == "TestBrowser/1.0"


def test_website_without_scheme_is_taken_as_https(client, guide):
    post_comment(client, guide, website="ann.example")
    assert Comment.objects.get().website == "https://ann.example"


@pytest.mark.parametrize("raw_body", [b"caf\xe9 \xff\xfe", b"caf%E9%20%FF%FE"], ids=["raw", "percent-encoded"])
def test_non_utf8_bytes_are_stored_as_text_not_a_500(client, guide, raw_body):
    fields = {key: value for key, value in comment_form_data(guide).items() if key != "body"}
    payload = urlencode(fields).encode() + b"&body=" + raw_body
    response = client.post(comment_post_url(guide), payload, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Comment.objects.get().body.startswith("caf")
