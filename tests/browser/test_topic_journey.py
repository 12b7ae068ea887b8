"""A reader on a phone goes from home to a topic and on to its article, and back up by the topic's links."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import WCAG_AA

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(open_page):
    return open_page(viewport=PHONE)


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_home_to_topic_to_article_and_back_on_a_phone(phone, guide):
    phone.goto("/")
    topics = phone.get_by_role("region", name="Topics")
    expect(topics.get_by_role("link", name="Ketamine Infusion")).to_be_visible()
    assert fits_the_phone(phone), "home scrolls sideways"

    topics.get_by_role("link", name="Ketamine Infusion").click()
    expect(phone).to_have_url("/topics/ketamine-infusion/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ketamine Infusion")
    assert fits_the_phone(phone), "the topic page scrolls sideways"
    results = Axe().run(phone, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    phone.get_by_role("link", name="What Is Ketamine Infusion Used For").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("What Is Ketamine Infusion Used For")
    breadcrumb = phone.get_by_role("navigation", name="Breadcrumb")
    # The seed site is named like its topic: the topic's link is the one to its page.
    expect(breadcrumb.locator('a[href="/topics/ketamine-infusion/"]')).to_have_text("Ketamine Infusion")

    phone.locator(".article-header .topic").get_by_role("link", name="Ketamine Infusion").click()
    expect(phone).to_have_url("/topics/ketamine-infusion/")
    breadcrumb.get_by_role("link").first.click()
    expect(phone.get_by_role("heading", name="Newest articles")).to_be_visible()


def test_an_unknown_topic_is_the_sites_404_page(page, guide):
    response = page.goto("/topics/no-such-topic/")
    assert response.status == 404
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
