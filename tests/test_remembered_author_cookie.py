"""The remembered-details cookie: whatever a browser sends back, the article page is served."""

import json
import re

import pytest
from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory

from comments import remembered_author
from tests.conftest import comment_form_data, post_comment

JUNK = {
    "3000-brackets": "[" * 3000,
    "lone-surrogate": '{"name":"\\ud800"}',
    "surrogate-in-email": '{"name":"Ann","email":"\\udfff@example.com"}',
    "not-json": "{not json",
    "a-list": '["a list"]',
    "a-number": "42",
    "null": "null",
    "values-not-text": '{"name": ["Ann"], "email": {"x": 1}, "website": 3}',
    "over-long-name": json.dumps({"name": "n" * 5000}),
    "deeply-nested-object": '{"name":' * 3000,
}


def filled_in(html: str) -> dict:
    """The value each detail field of the "Leave a Reply" form shows, "" where it shows none."""
    fields = {}
    for name in remembered_author.DETAILS:
        tag = re.search(rf'<input [^>]*name="{name}"[^>]*>', html).group(0)
        value = re.search(r' value="([^"]*)"', tag)
        fields[name] = value.group(1) if value else ""
    return fields


@pytest.mark.parametrize(("case", "value"), JUNK.items(), ids=JUNK.keys())
def test_an_article_page_is_served_and_the_form_shows_nothing_of_the_junk(client, guide, case, value):
    client.cookies[remembered_author.COOKIE_NAME] = value
    response = client.get(guide.get_absolute_url())
    assert response.status_code == 200
    good_name = "Ann" if case == "surrogate-in-email" else ""  # the one good detail among the junk
    assert filled_in(response.content.decode()) == {"name": good_name, "email": "", "website": ""}


@pytest.mark.parametrize("value", JUNK.values(), ids=JUNK.keys())
def test_a_comment_is_taken_whatever_the_cookie_holds(client, guide, value):
    client.cookies[remembered_author.COOKIE_NAME] = value
    response = client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, remember="on"))
    assert response.status_code == 302


def test_junk_values_are_left_out_and_good_ones_kept(client, guide):
    client.cookies[remembered_author.COOKIE_NAME] = json.dumps(
        {"name": "Ann Reader", "email": "\ud800@example.com", "website": ["https://ann.example"]}
    )
    html = client.get(guide.get_absolute_url()).content.decode()
    assert filled_in(html) == {"name": "Ann Reader", "email": "", "website": ""}


def request_with(value: str):
    request = RequestFactory().get("/")
    request.COOKIES[remembered_author.COOKIE_NAME] = value
    return request


def written(**details) -> str:
    response = HttpResponse()
    remembered_author.remember(response, **details)
    return response.cookies[remembered_author.COOKIE_NAME].value


def test_what_is_written_reads_back():
    value = written(name="Ann", email="ann@example.com", website="", pending_ids=(4, 7))
    assert remembered_author.read(request_with(value)) == remembered_author.RememberedAuthor(
        name="Ann", email="ann@example.com", website="", pending_ids=(4, 7)
    )


def test_a_pending_list_not_signed_by_the_site_is_ignored():
    forged = json.dumps({"name": "Eve", "pending": signing.dumps([1, 2, 3], salt="another-purpose")})
    assert remembered_author.read(request_with(forged)).pending_ids == ()
    assert remembered_author.read(request_with(json.dumps({"pending": [1, 2, 3]}))).pending_ids == ()


def test_the_browser_keeps_only_the_newest_waiting_comments():
    value = written(name="Ann", email="a@example.com", website="", pending_ids=tuple(range(100)))
    kept = remembered_author.read(request_with(value)).pending_ids
    assert kept == tuple(range(100 - remembered_author.MAX_PENDING, 100))


def test_with_consent_name_email_and_website_are_remembered(client, guide):
    response = post_comment(client, guide, remember="on", website="https://ann.example")
    cookie = response.cookies["comment_author"]
    assert json.loads(cookie.value) | {"pending": "signed"} == {
        "name": "Ann Reader",
        "email": "ann@example.com",
        "website": "https://ann.example",
        "pending": "signed",
    }
    assert cookie["httponly"]
    page = client.get(guide.get_absolute_url()).content.decode()
    assert 'value="ann@example.com"' in page
    assert 'name="remember" id="id_remember" checked' in page


def test_without_consent_nothing_is_stored_in_the_browser(client, guide):
    client.cookies["comment_author"] = json.dumps({"name": "Old"})
    response = post_comment(client, guide)
    assert response.cookies["comment_author"].value == ""  # deleted
    # Only the own-words cookie: the comment's id and a hash of its text, for the 15 minutes its author may change it.
    assert set(response.cookies) == {"comment_author", "comment_own"}
    own = response.cookies["comment_own"]
    assert own["max-age"] == 15 * 60
    # Its signed payload, not the signature's random letters, is what must hold no name or address.
    payload = signing.loads(own.value, salt=remembered_author.OWN_SALT)
    assert "Ann" not in json.dumps(payload) and "ann@example.com" not in json.dumps(payload)
    next_page = client.get(guide.get_absolute_url()).content.decode()
    assert filled_in(next_page) == {"name": "", "email": "", "website": ""}
    assert 'name="remember" id="id_remember" checked' not in next_page
