"""A reader replies, only they see it waiting, a moderator approves it, and the thread goes on."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import WCAG_AA
from tests.conftest import STAFF_PASSWORD

COMMENT = "Does the first infusion feel strange?"
REPLY = "It did for me, for about an hour."


@pytest.fixture
def moderator(live_server, moderator):
    """The moderator of tests/conftest.py, in the database the live server reads."""
    return moderator


def leave_a_reply(page: Page, *, name: str, email: str, text: str) -> None:
    form = page.locator("#respond")
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("textbox", name="Comment").fill(text)
    form.get_by_role("button", name="Post Comment").click()


def comment_item(page: Page, text: str):
    return page.locator("li.comment").filter(has=page.locator(".comment-text", has_text=text)).first


def test_a_reply_waits_for_moderation_then_is_published_and_replied_to(open_page, guide, moderator):
    reader = open_page()
    reader.goto(guide.get_absolute_url())
    leave_a_reply(reader, name="Ann", email="ann@example.com", text=COMMENT)
    mine = comment_item(reader, COMMENT)
    expect(mine).to_be_visible()
    expect(mine).to_contain_text("Your comment is awaiting moderation.")
    expect(reader).to_have_url(re.compile(r"\?unapproved=.+#comment-\d+$"))

    other = open_page()
    other.goto(guide.get_absolute_url())
    expect(other.locator("#comments")).not_to_contain_text(COMMENT)

    staff = open_page()
    staff.goto("/admin/")
    staff.get_by_label("Username").fill(moderator.username)
    staff.get_by_label("Password").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    staff.get_by_role("link", name="1 comment awaiting moderation").click()
    staff.get_by_role("row").filter(has_text=COMMENT).get_by_role("checkbox").check()
    staff.locator("select[name=action]").select_option("approve")
    staff.get_by_role("button", name=re.compile(r"^(Go|Run)$")).click()
    expect(staff.locator(".messagelist .success")).to_contain_text("1 comment approved.")

    reader.reload()
    expect(comment_item(reader, COMMENT)).not_to_contain_text("awaiting moderation")
    expect(reader.locator("#comments-heading")).to_have_text("1 Comment")
    other.reload()
    published = comment_item(other, COMMENT)
    expect(published).to_be_visible()

    published.get_by_role("link", name=re.compile(r"^Reply")).click()
    expect(published.locator("#respond")).to_contain_text("Reply to Ann")
    leave_a_reply(other, name="Bo", email="bo@example.com", text=REPLY)
    reply = comment_item(other, REPLY)
    expect(reply).to_contain_text("Your comment is awaiting moderation.")
    expect(comment_item(other, COMMENT).locator(".comment-replies")).to_contain_text(REPLY)


def test_reply_works_without_javascript(open_page, guide, make_comment):
    make_comment(guide, name="Ann", body=COMMENT)
    reader = open_page(java_script_enabled=False)
    reader.goto(guide.get_absolute_url())
    comment_item(reader, COMMENT).get_by_role("link", name=re.compile(r"^Reply")).click()
    under_comment = comment_item(reader, COMMENT).locator("#respond")
    expect(under_comment).to_contain_text("Reply to Ann")
    leave_a_reply(reader, name="Bo", email="bo@example.com", text=REPLY)
    expect(comment_item(reader, COMMENT).locator(".comment-replies")).to_contain_text(REPLY)


def test_a_mistake_shows_its_message_and_keeps_the_text(open_page, guide):
    reader = open_page()
    reader.goto(guide.get_absolute_url())
    reader.locator("form.comment-form").evaluate("form => form.noValidate = true")  # as an old browser would
    leave_a_reply(reader, name="Ann", email="not-an-email", text=COMMENT)
    expect(reader.locator("#id_email_error")).to_have_text("Enter a valid email address.")
    expect(reader.get_by_role("textbox", name="Comment")).to_have_value(COMMENT)


def test_the_comment_area_is_accessible_with_a_thread_and_errors(open_page, guide, make_comment):
    first = make_comment(guide, name="Ann", body=COMMENT)
    make_comment(guide, parent=first, name="Bo", body=REPLY, website="https://bo.example")
    reader = open_page()
    reader.goto(guide.get_absolute_url())
    reader.locator("form.comment-form").evaluate("form => form.noValidate = true")
    leave_a_reply(reader, name="", email="broken", text="")
    expect(reader.locator(".form-errors, .field-errors").first).to_be_visible()
    results = Axe().run(reader, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
