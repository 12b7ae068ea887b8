"""Every refusal lands the reader on the form's error summary, with links to the fields and the text kept."""

import re

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.conftest import post_comment

TEXT = "Words the reader must not lose."


def error_summary(html: str) -> str:
    match = re.search(r'<div class="error-summary" id="error-summary"([^>]*)>(.*?)</div>', html, re.DOTALL)
    assert match, "no error summary on the page"
    return match.group(1) + match.group(2)


def test_the_form_sends_the_browser_to_the_error_summary(client, guide):
    html = client.get(guide.get_absolute_url()).content.decode()
    assert f'action="{reverse("comments:post", kwargs={"slug": guide.slug})}#error-summary"' in html


@pytest.fixture
def flood_limit(settings):
    settings.COMMENTS_RATE_LIMIT = "1/m"


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"email": "reader@invalid"}, 400, "Enter a valid email address."),
        ({"name": ""}, 400, "This field is required."),
        ({"timestamp": "forged"}, 400, "The form could not be checked."),
        ({"parent": "999999"}, 400, "The comment you are replying to is not available."),
    ],
    ids=["invalid-email", "missing-name", "timestamp", "parent"],
)
def test_an_invalid_post_is_summarised_at_the_top_of_the_form(client, guide, overrides, status, message):
    response = post_comment(client, guide, body=TEXT, **overrides)
    html = response.content.decode()
    assert response.status_code == status
    summary = error_summary(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert message in summary
    assert TEXT in html
    assert not Comment.objects.exists()


def test_each_field_mistake_links_to_its_field_which_says_it_is_invalid(client, guide):
    html = post_comment(
        client, guide, email="reader@invalid", website="javascript:alert(1)", body=TEXT
    ).content.decode()
    summary = error_summary(html)
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in summary
    assert '<a href="#id_website">Website: Enter a web address starting with http:// or https://.</a>' in summary
    email_input = re.search(r'<input type="email" name="email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="id_email_error"' in email_input
    assert '<span class="field-errors" id="id_email_error">Enter a valid email address.</span>' in html


def test_a_duplicate_is_summarised(client, guide):
    post_comment(client, guide, body=TEXT)
    response = post_comment(client, guide, body=TEXT)
    assert response.status_code == 409
    assert "You have already sent this comment" in error_summary(response.content.decode())


def test_a_flood_is_summarised(client, guide, flood_limit):
    post_comment(client, guide, body="The first one.")
    response = post_comment(client, guide, body=TEXT)
    assert response.status_code == 429
    assert "You are posting comments too fast" in error_summary(response.content.decode())
    assert TEXT in response.content.decode()


def test_a_post_with_no_mistake_shows_no_summary(client, guide):
    assert 'id="error-summary"' not in client.get(guide.get_absolute_url()).content.decode()


def test_every_field_in_error_is_marked_the_same_way(client, guide):
    html = post_comment(
        client, guide, name="", email="reader@invalid", website="ftp://x.example", body=""
    ).content.decode()
    for name in ("name", "email", "website", "body"):
        control = re.search(rf'<(input|textarea)[^>]* name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in control, name
        assert re.search(rf'aria-describedby="[^"]*\bid_{name}_error\b', control), name
        assert f'<span class="field-errors" id="id_{name}_error">' in html
    assert html.count('class="comment-field has-errors"') == 4


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "   ", "This field is required."),
        ("email", "", "This field is required."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("body", "", "This field is required."),
        ("body", " \n\t ", "This field is required."),
        ("name", "n" * 101, "at most 100 characters"),
        ("email", "a" * 250 + "@x.example", "at most 254 characters"),
        ("website", "https://x.example/" + "a" * 200, "at most 200 characters"),
        ("body", "b" * 5001, "at most 5,000 characters; yours has 5,001"),
        ("website", "javascript:alert(1)", "Enter a web address starting with http:// or https://."),
        ("website", "ftp://files.example", "Enter a web address starting with http:// or https://."),
        ("website", "data:text/html,<script>alert(1)</script>", "starting with http://"),
    ],
)
def test_invalid_fields_show_the_form_again_with_messages_and_the_text_kept(client, guide, field, value, message):
    response = post_comment(client, guide, **{field: value, "body": "My careful words." if field != "body" else value})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'class="comment-field has-errors"' in html
    if field != "body":
        assert "My careful words." in html
    assert not Comment.objects.exists()


def test_honeypot_filled_is_refused(client, guide):
    response = post_comment(client, guide, homepage="http://spam.example")
    assert response.status_code == 400
    assert "This field must stay empty" in response.content.decode()
    assert not Comment.objects.exists()
