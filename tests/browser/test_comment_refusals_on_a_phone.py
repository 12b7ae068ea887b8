"""On a 390x844 phone: a refused comment shows why in sight, long words stay on screen, Reply keeps the comment."""

import re
import time

import pytest
from django.core.cache import caches
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import QUESTION, REMEMBER_ME, comment, post_comment

PHONE = {"width": 390, "height": 844}


def fully_in_viewport(page: Page, element: Locator) -> bool:
    """The element's whole box lies inside the visible part of the page."""
    box = element.bounding_box()
    viewport = page.viewport_size
    return (
        box["y"] >= 0
        and box["x"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and (box["x"] + box["width"] <= viewport["width"])
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_refused_email_is_explained_in_sight_with_the_text_kept_and_focus_on_the_summary(
    open_page, guide, javascript
):
    page = open_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="reader@invalid", text=QUESTION)

    expect(page).to_have_url(re.compile(r"/comments/#error-summary$"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Email: Enter a valid email address.")
    assert fully_in_viewport(page, summary)
    expect(summary).to_be_focused()
    expect(page.get_by_role("textbox", name="Comment", exact=True)).to_have_value(QUESTION)
    expect(page.get_by_role("textbox", name="Email", exact=True)).to_have_value("reader@invalid")

    summary.get_by_role("link", name="Email: Enter a valid email address.").click()
    expect(page.get_by_role("textbox", name="Email", exact=True)).to_be_focused()


def test_a_form_left_open_for_three_days_is_explained_in_sight_with_the_text_kept(open_page, guide, monkeypatch):
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr("comments.forms.page_time", lambda: three_days_ago)
        page = open_page(viewport=PHONE, java_script_enabled=False)
        page.goto(guide.get_absolute_url())
    caches["pages"].clear()  # the page the tab opened three days ago is long gone from the cache
    post_comment(page, name="Ann Reader", email="ann@example.com", text=QUESTION)

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("This form was opened too long ago.")
    assert fully_in_viewport(page, summary)
    expect(page.get_by_role("textbox", name="Comment", exact=True)).to_have_value(QUESTION)


def test_a_long_address_and_word_in_a_comment_do_not_widen_the_page(open_page, guide, make_comment):
    long_address = "https://example.com/" + "a" * 280
    make_comment(guide, name="N" * 100, body=f"See {long_address} and {'w' * 300}.", website="https://ann.example")
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url() + "#comments")
    expect(page.locator(".comment-text")).to_contain_text("w" * 300)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_consent_box_is_at_least_24_px_square(open_page, guide):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    box = page.get_by_role("checkbox", name=REMEMBER_ME).bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24


def test_after_reply_the_comment_answered_and_the_form_are_both_in_sight(open_page, guide, make_comment):
    question_id = make_comment(guide, name="Ann Reader", body=QUESTION).pk
    page = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(guide.get_absolute_url())
    comment(page, question_id).get_by_role("link", name="Reply to Ann Reader", exact=True).click()

    expect(page).to_have_url(re.compile(rf"replytocom={question_id}#comment-{question_id}$"))
    assert fully_in_viewport(page, comment(page, question_id).locator(".comment-text"))
    assert fully_in_viewport(page, page.get_by_role("heading", name="Reply to Ann Reader"))
    expect(page.get_by_role("textbox", name="Name", exact=True)).to_be_in_viewport()


def test_the_inputs_and_the_comment_box_mark_a_mistake_the_same_way(open_page, guide):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="reader@invalid", text="x", website="ftp://files.example")
    page.get_by_role("textbox", name="Comment", exact=True).fill("")  # the browser refuses it before sending
    page.locator("form.comment-form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Comment: This field is required.")

    def border(name: str) -> str:
        field = page.get_by_role("textbox", name=name, exact=True)
        return field.evaluate("element => getComputedStyle(element).borderTop")

    marked = {name: border(name) for name in ("Email", "Website", "Comment")}
    assert len(set(marked.values())) == 1, marked
    assert border("Name") != marked["Email"]  # a field without a mistake is not marked
