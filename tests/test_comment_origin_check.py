"""The public comment form is checked by where the post comes from, not by a token; every other form keeps Django's."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.conftest import STAFF_PASSWORD, comment_form_data, comment_post_url

TEXT = "Words sent from somewhere else."


def post(article, headers: dict, **overrides):
    # enforce_csrf_checks: as a browser would meet Django's CSRF middleware, token-less.
    client = Client(enforce_csrf_checks=True)
    return client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(article, body=TEXT, **overrides),
        headers=headers,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://blog.testserver"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://testserver"},  # the site's host, another scheme
    ],
    ids=["cross-site", "same-site", "cross-site-without-origin", "other-origin", "null-origin", "other-scheme"],
)
def test_a_post_from_another_site_is_refused_with_the_text_shown_back(guide, headers):
    response = post(guide, headers)
    html = response.content.decode()
    assert response.status_code == 403
    assert "sent from a page on another site" in html
    assert TEXT in html
    assert 'id="error-summary"' in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        {},  # curl, a script: no page whose reader could be borrowed
    ],
    ids=["same-origin", "typed", "same-origin-old-browser", "no-headers"],
)
def test_a_post_from_the_sites_own_page_or_no_browser_is_accepted_without_a_token(guide, headers):
    response = post(guide, headers)
    assert response.status_code == 302
    assert Comment.objects.filter(body=TEXT).exists()


def test_a_trusted_origin_is_accepted(guide, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.example.org"]
    response = post(guide, {"Sec-Fetch-Site": "same-site", "Origin": "https://www.example.org"})
    assert response.status_code == 302
    assert post(guide, {"Origin": "https://www.example.org.evil"}).status_code == 403


def test_a_refused_post_can_be_sent_again_from_the_page_it_shows(guide):
    refused = post(guide, {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert post(guide, {"Sec-Fetch-Site": "same-origin"}).status_code == 302


def test_the_comment_view_ignores_who_is_signed_in(guide, moderator):
    client = Client()
    client.force_login(moderator)
    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), comment_form_data(guide))
    assert response.status_code == 302
    assert "Cookie" not in response.get("Vary", "")  # the session was never even read
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING  # a moderator's session approves nothing here
    assert comment.name == "Ann Reader"


def test_the_admin_login_still_refuses_a_post_without_a_token(moderator):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("admin:login"),
        {"username": moderator.username, "password": STAFF_PASSWORD},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()  # the site's page, not Django's
    assert "_auth_user_id" not in client.session


def test_a_refused_post_spends_nothing_of_the_readers_flood_limit(guide, settings):
    settings.COMMENTS_RATE_LIMIT = "1/m"
    assert post(guide, {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}).status_code == 403
    assert post(guide, {"Sec-Fetch-Site": "same-origin"}).status_code == 302


def test_a_reply_form_posts_without_any_token(guide, make_comment):
    parent = make_comment(guide, name="Ann")
    client = Client(enforce_csrf_checks=True)
    page = client.get(guide.get_absolute_url(), {"replytocom": parent.pk}).content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = client.post(comment_post_url(guide), comment_form_data(guide, parent=str(parent.pk)))
    assert response.status_code == 302
