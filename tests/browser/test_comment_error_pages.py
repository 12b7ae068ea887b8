"""The pages a refused comment can lead to: each passes axe and leads back to the article's form."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.browser.conftest import QUESTION, WCAG_AA, post_comment

PHONE = {"width": 390, "height": 844}


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def goes_back_to_the_form(page: Page, article: Article) -> None:
    page.get_by_role("link", name=f"Back to “{article.title}” and its comment form").click()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#respond$"))
    expect(page.get_by_role("textbox", name="Comment", exact=True)).to_be_in_viewport()


def test_a_refused_comment_is_accessible(open_page, guide):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="reader@invalid", website="javascript:alert(1)", text=QUESTION)

    expect(page.get_by_role("alert")).to_contain_text("Website: Enter a web address")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)


def test_a_reloaded_refused_post_leads_back_to_the_form(open_page, guide):
    # The address bar shows /comments/ after a refusal; a phone that reloads the tab asks for it by GET.
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="reader@invalid", text=QUESTION)
    page.goto(page.url.split("#")[0])  # a new load, not a jump within the refused page

    expect(page.get_by_role("heading", level=1)).to_have_text("Comments are sent from the form under each article")
    assert_accessible(page)
    goes_back_to_the_form(page, guide)


def test_a_post_with_cookies_cleared_is_taken(open_page, guide):
    # The public form carries no token: a reader whose cookies went (blocked, cleared, another
    # browser profile) still posts, and lands on their comment awaiting moderation.
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    page.context.clear_cookies()
    post_comment(page, name="Ann Reader", email="ann@example.com", text=QUESTION)

    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    expect(page.locator(".comment-text").last).to_contain_text(QUESTION)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_post_to_an_unpublished_article_shows_the_text_back(open_page, guide, javascript):
    page = open_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto(guide.get_absolute_url())
    guide.status = Article.Status.DRAFT
    guide.save()
    post_comment(page, name="Ann Reader", email="ann@example.com", text=QUESTION)

    expect(page.get_by_role("heading", level=1)).to_have_text("This article is no longer available")
    expect(page.locator(".kept-comment")).to_have_text(QUESTION)
    expect(page.get_by_role("link", name="See all articles")).to_be_visible()
    if javascript:
        assert_accessible(page)
