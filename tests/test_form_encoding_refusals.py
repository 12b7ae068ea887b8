"""A form sent in a character encoding other than UTF-8 gets a 400 page, on every form, never a 500."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.conftest import comment_form_data

FORM_CONTENT_TYPE_BASE = "application/x-www-form-urlencoded"
LATIN_1_FORM = f"{FORM_CONTENT_TYPE_BASE}; charset=iso-8859-1"
TOKEN = "abcdefghijklmnopqrstuvwxyz123456"


def post_latin_1(path: str, body: bytes):
    """What a browser extension or a script sends: a Latin-1 form, with the CSRF cookie and token of a real visit."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = TOKEN
    return client.post(path, data=body, content_type=LATIN_1_FORM, headers={"X-CSRFToken": TOKEN})


@pytest.mark.parametrize("path", ["/admin/login/", "/editor/markdownify/"])
def test_a_latin_1_form_is_400_with_a_page(db, path):
    response = post_latin_1(path, b"username=ren%E9&password=x&content=caf%E9")
    assert response.status_code == 400
    assert "only UTF-8" in response.content.decode()


def test_a_latin_1_comment_is_400_with_the_text_shown_back(guide):
    fields = comment_form_data(guide, body="Très bien, merci")
    body = urlencode(fields, encoding="latin-1").encode()
    response = post_latin_1(f"/articles/{guide.slug}/comments/", body)
    page = response.content.decode()
    assert response.status_code == 400
    assert "only UTF-8" in page
    assert "Très bien, merci" in page


def test_a_utf_8_charset_is_read_as_usual(guide):
    client = Client()
    body = f"name=Ren%C3%A9&email=r%40example.com&body=caf%C3%A9&timestamp={comment_form_data(guide)['timestamp']}"
    response = client.post(
        f"/articles/{guide.slug}/comments/",
        data=body.encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302


@pytest.mark.parametrize("charset", ["base64", "rot13", "hex"])
def test_a_charset_that_is_no_text_encoding_is_400_with_a_page(guide, charset):
    """Python knows these codecs but cannot decode text with them: still the 400 page, not a 500."""
    client = Client(raise_request_exception=False)
    content_type = f"{FORM_CONTENT_TYPE_BASE}; charset={charset}"
    # generic(): the test client's post() would itself try to encode the body in that charset.
    response = client.generic("POST", f"/articles/{guide.slug}/comments/", b"body=caf%E9", content_type=content_type)
    assert response.status_code == 400
    assert "only UTF-8" in response.content.decode()


def test_the_text_shown_back_is_escaped(guide):
    body = urlencode({"body": "<script>alert('é')</script>"}, encoding="latin-1").encode()
    page = post_latin_1(f"/articles/{guide.slug}/comments/", body).content.decode()
    assert "&lt;script&gt;alert(&#x27;é&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
