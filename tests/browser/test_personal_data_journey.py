"""A guest asks for their comments on a phone, opens the mailed link and downloads the copy, or erases them."""

import json
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from comments.models import Comment
from tests.browser.conftest import WCAG_AA
from tests.conftest import SITE

PHONE = {"width": 390, "height": 844}


def assert_fits_and_passes_axe(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{page.url} scrolls sideways"
    report = Axe().run(page, options=WCAG_AA)
    assert report.violations_count == 0, report.generate_report()


def ask_for(page: Page, kind_label: str) -> str:
    """Ask on the "Your comments" page, from the comment form's small print; returns the mailed link's path."""
    page.goto("/articles/what-is-ketamine-infusion-used-for/")
    page.locator("#respond").get_by_role("link", name="a copy of your comments, or their erasure").click()
    expect(page.get_by_role("heading", name="Your comments: a copy or their erasure")).to_be_visible()
    assert_fits_and_passes_axe(page)
    page.get_by_role("textbox", name="Email address").fill("Ann@Example.com")
    page.get_by_role("radio", name=kind_label).check()
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()
    assert_fits_and_passes_axe(page)
    return page


def link_in(smtp_inbox) -> str:
    [message] = smtp_inbox.messages
    return re.search(re.escape(SITE) + r"(/your-comments/\S+/)", message.body).group(1)


def test_a_guest_downloads_a_copy_of_their_comments_from_the_mailed_link(open_page, guide, smtp_inbox):
    Comment.objects.create(article=guide, name="Ann Reader", email="ann@example.com", body="My question.")
    page = open_page(viewport=PHONE)
    ask_for(page, "A copy of my comments (a JSON file)")
    page.goto(link_in(smtp_inbox))
    expect(page.get_by_role("heading", name="Download a copy of your comments")).to_be_visible()
    assert_fits_and_passes_axe(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the copy").click()
    assert download.value.suggested_filename == "your-comments.json"
    with open(download.value.path(), encoding="utf-8") as copy:
        assert [entry["text"] for entry in json.load(copy)["comments"]] == ["My question."]


def test_a_guest_erases_their_comments_from_the_mailed_link(open_page, guide, smtp_inbox):
    Comment.objects.create(
        article=guide, name="Ann Reader", email="ann@example.com", body="My question.", status="approved"
    )
    page = open_page(viewport=PHONE)
    ask_for(page, "The erasure of my comments and details")
    page.goto(link_in(smtp_inbox))
    expect(page.get_by_role("heading", name="Erase your comments")).to_be_visible()
    assert_fits_and_passes_axe(page)
    page.get_by_role("button", name="Erase my comments").click()
    expect(page.get_by_text("Erased: 1 comment.")).to_be_visible()
    assert_fits_and_passes_axe(page)
    page.goto("/articles/what-is-ketamine-infusion-used-for/")
    expect(page.locator("#comments")).not_to_contain_text("Ann Reader")
    expect(page.get_by_text("This comment was removed at its author's request.")).to_be_visible()
