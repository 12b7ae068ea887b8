"""Every public page passes axe-core's accessibility rules (WCAG 2.x A and AA) on a 390 px phone and a 1280 px screen.

Each page is checked at both widths in one test (the guide is loaded once) and must not scroll
sideways on the phone. A new public page adds a line to PAGES.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article
from articles.site_page_loader import read_site_pages
from comments.models import Comment
from tests.browser.conftest import (
    PHONE,
    QUESTION,
    assert_accessible_on_a_phone_and_a_wide_screen,
    post_comment,
)


def open_address(address: str) -> Callable[[Page, Article], None]:
    return lambda page, guide: page.goto(address)


def open_person(page: Page, guide: Article) -> None:
    page.goto(guide.author.get_absolute_url())


def open_guide_with_comments(page: Page, guide: Article) -> None:
    """The guide with an approved comment and a reply: the thread, the Reply links, the form."""
    approved = {"article": guide, "status": Comment.Status.APPROVED, "ip_address": "203.0.113.7"}
    question = Comment.objects.create(name="Ann Reader", email="ann@example.com", body=QUESTION, **approved)
    Comment.objects.create(parent=question, name="Bo", email="bo@example.com", body="Not at all.", **approved)
    page.goto(guide.get_absolute_url())


def open_refused_post(page: Page, guide: Article) -> None:
    """The page a post with mistakes lands on: the error summary, each field's message."""
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="reader@invalid", text=QUESTION)
    expect(page.get_by_role("alert")).to_be_visible()


def open_waiting_comment(page: Page, guide: Article) -> None:
    """The page a commenter lands on: their own comment, awaiting moderation."""
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="ann@example.com", text=QUESTION)
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()


def open_own_comment(action: str) -> Callable[[Page, Article], None]:
    """The author's Edit or Delete page of the comment they just posted (the link under it, on their page alone)."""

    def open_it(page: Page, guide: Article) -> None:
        open_waiting_comment(page, guide)
        page.get_by_role("link", name=f"{action} your comment").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{action} your comment")

    return open_it


PAGES: dict[str, Callable[[Page, Article], None]] = {
    "home": open_address("/"),
    "topic": open_address("/topics/ketamine-infusion/"),
    "person": open_person,
    "article": open_address("/articles/what-is-ketamine-infusion-used-for/"),
    "article-with-comments": open_guide_with_comments,
    # Where an old WordPress address leads: the page with the script for WordPress comment links.
    "article-from-wordpress": open_address("/articles/what-is-ketamine-infusion-used-for/?from=wordpress"),
    "article-with-a-refused-post": open_refused_post,
    "article-with-a-waiting-comment": open_waiting_comment,  # with its author's Edit and Delete
    "edit-own-comment": open_own_comment("Edit"),
    "delete-own-comment": open_own_comment("Delete"),
    # Every site page load_guide makes (About, Editorial policy, Privacy, Contact, and any added to its file).
    **{page["slug"]: open_address(f"/{page['slug']}/") for page in read_site_pages()},
    "search-with-results": open_address("/search/?q=drip"),
    "search-without-results": open_address("/search/?q=zyxwvut"),
    "your-comments": open_address("/your-comments/"),
    "not-found": open_address("/articles/no-such-article/"),
}


@pytest.mark.parametrize("name", PAGES)
def test_public_page_has_no_accessibility_violations_on_a_phone_or_a_wide_screen(open_page, guide, name):
    page = open_page(viewport=PHONE)
    PAGES[name](page, guide)
    assert_accessible_on_a_phone_and_a_wide_screen(page, name)
