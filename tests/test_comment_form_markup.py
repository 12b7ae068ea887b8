"""The "Leave a Reply" form as a reader's browser receives it: every field's name, type, id,
limits, accessibility attributes and prefilled value, for a new reader, a remembered one and a
refused post."""

import json
from html.parser import HTMLParser

from django.test import Client

from tests.conftest import comment_form_data


class FormControls(HTMLParser):
    """The <input> and <textarea> elements of the comment form, by name, with their attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.controls: dict[str, dict] = {}
        self.in_form = False
        self.textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and "comment-form" in (attributes.get("class") or ""):
            self.in_form = True
        elif self.in_form and tag in ("input", "textarea"):
            self.controls[attributes["name"]] = {"tag": tag, **attributes}
            if tag == "textarea":
                self.textarea = attributes["name"]
                self.controls[self.textarea]["text"] = ""

    def handle_data(self, data):
        if self.textarea:
            self.controls[self.textarea]["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "textarea":
            self.textarea = None


def remembering(**details) -> Client:
    client = Client()
    client.cookies["comment_author"] = json.dumps(details)
    return client


def test_a_new_reader_gets_every_field_with_its_type_limits_and_labels(guide):
    html = Client().get(guide.get_absolute_url()).content.decode()
    controls = FormControls(html).controls
    assert controls["name"] == {
        "tag": "input",
        "type": "text",
        "name": "name",
        "autocomplete": "name",
        "maxlength": "100",
        "required": None,
        "id": "id_name",
    }
    assert controls["email"] == {
        "tag": "input",
        "type": "email",
        "name": "email",
        "autocomplete": "email",
        "maxlength": "254",
        "required": None,
        "id": "id_email",
    }
    assert controls["website"] == {
        "tag": "input",
        "type": "text",
        "name": "website",
        "autocomplete": "url",
        "inputmode": "url",
        "maxlength": "200",
        "id": "id_website",
    }
    assert controls["body"] == {
        "tag": "textarea",
        "name": "body",
        "cols": "40",
        "rows": "8",
        "required": None,
        "aria-describedby": "id_body_helptext",
        "id": "id_body",
        "text": "\n",
    }
    assert controls["remember"] == {"tag": "input", "type": "checkbox", "name": "remember", "id": "id_remember"}
    assert controls["homepage"]["tabindex"] == "-1" and "value" not in controls["homepage"]
    assert controls["parent"] == {"tag": "input", "type": "hidden", "name": "parent", "value": ""}
    assert controls["timestamp"]["type"] == "hidden" and controls["timestamp"]["value"]
    for field, label in [("name", "Name"), ("email", "Email"), ("website", "Website"), ("body", "Comment")]:
        assert f'<label for="id_{field}">{label}' in html
    assert '<span class="field-help" id="id_body_helptext">Up to 5,000 characters.</span>' in html
    assert '<label for="id_remember">Save my name, email, and website in this browser' in html


def test_a_remembered_reader_gets_their_details_filled_in_and_the_box_ticked(guide):
    client = remembering(name="Ann Reader", email="ann@example.com", website="https://ann.example/")
    controls = FormControls(client.get(guide.get_absolute_url()).content.decode()).controls
    assert controls["name"]["value"] == "Ann Reader"
    assert controls["email"]["value"] == "ann@example.com"
    assert controls["website"]["value"] == "https://ann.example/"
    assert "checked" in controls["remember"]


def test_remembered_details_that_look_like_markup_come_out_escaped(guide):
    client = remembering(
        name='"><script>alert(1)</script>', email="a&b@example.com", website="https://x.example/?a=1&b=2"
    )
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'value="a&amp;b@example.com"' in html
    assert 'value="https://x.example/?a=1&amp;b=2"' in html
    controls = FormControls(html).controls  # and the browser reads back exactly what was remembered
    assert controls["name"]["value"] == '"><script>alert(1)</script>'


def test_a_refused_post_keeps_the_text_and_marks_each_mistake_on_its_field(guide):
    data = comment_form_data(guide, name="Ann <b>", email="not an address", body="", website="ftp://x", remember="on")
    response = Client().post(f"/articles/{guide.slug}/comments/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    controls = FormControls(html).controls
    assert controls["name"]["value"] == "Ann <b>" and "aria-invalid" not in controls["name"]
    assert controls["email"]["value"] == "not an address"
    assert controls["email"]["aria-invalid"] == "true"
    assert controls["email"]["aria-describedby"] == "id_email_error"
    assert controls["website"]["aria-invalid"] == "true"
    assert controls["body"]["aria-describedby"] == "id_body_helptext id_body_error"
    assert "checked" in controls["remember"]
    assert '<p class="comment-field has-errors">\n  <label for="id_email">' in html
    assert '<span class="field-errors" id="id_email_error">Enter a valid email address.</span>' in html
    assert 'href="#id_email">Email: Enter a valid email address.</a>' in html  # the error summary


def test_a_refused_comment_text_comes_back_escaped_in_its_box(guide):
    data = comment_form_data(guide, email="", body="</textarea><script>alert(1)</script> & more")
    html = Client().post(f"/articles/{guide.slug}/comments/", data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert FormControls(html).controls["body"]["text"] == "\n</textarea><script>alert(1)</script> & more"
