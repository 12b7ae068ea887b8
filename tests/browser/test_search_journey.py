"""A reader on a phone searches from the header: a word from the FAQ finds the guide; no results lead to a topic."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import WCAG_AA

PHONE = {"width": 390, "height": 844}
# Set SEARCH_SCREENSHOTS to a folder to keep what the pages look like (the header at 390 and 1280 px).
SCREENSHOTS = os.environ.get("SEARCH_SCREENSHOTS")


@pytest.fixture
def phone(open_page):
    return open_page(viewport=PHONE)


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def no_accessibility_violations(page) -> None:
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def keep(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_a_word_from_the_faq_typed_in_the_header_finds_the_guide_on_a_phone(phone, guide):
    phone.goto("/")
    header_box = phone.get_by_role("search").get_by_role("searchbox", name="Search the articles")
    box = header_box.bounding_box()
    name = phone.locator(".site-name").bounding_box()
    assert abs(box["y"] - name["y"]) < name["height"], "the search box is not beside the site's name"
    assert fits_the_phone(phone), "home scrolls sideways"
    keep(phone, "home-390")

    header_box.fill("drip")
    header_box.press("Enter")

    expect(phone).to_have_url("/search/?q=drip")
    expect(phone).to_have_title("Search results for “drip” | Ketamine Infusion")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Search results for “drip”")
    expect(phone.locator("main").get_by_role("searchbox")).to_have_value("drip")
    expect(phone.locator(".snippet mark")).to_have_text("drip")
    assert fits_the_phone(phone), "the results scroll sideways"
    keep(phone, "results-390")
    no_accessibility_violations(phone)

    phone.get_by_role("link", name="What Is Ketamine Infusion Used For").click()
    expect(phone).to_have_url(guide.get_absolute_url())
    expect(phone.get_by_text("intravenous drip")).to_be_visible()


def test_no_results_lead_to_a_suggested_topic(phone, guide):
    phone.goto("/search/")
    no_accessibility_violations(phone)
    search_box = phone.locator("main").get_by_role("searchbox", name="Search the articles")
    search_box.fill("xylophone")
    phone.locator("main").get_by_role("button", name="Search").click()

    expect(phone.get_by_text("No published article matches “xylophone”.")).to_be_visible()
    assert fits_the_phone(phone), "the no-results page scrolls sideways"
    keep(phone, "no-results-390")
    no_accessibility_violations(phone)

    phone.get_by_role("region", name="Topics").get_by_role("link", name="Ketamine Infusion").click()
    expect(phone).to_have_url("/topics/ketamine-infusion/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ketamine Infusion")


def test_a_search_too_long_is_refused_with_the_box_to_try_again(page, guide):
    response = page.goto("/search/?q=" + "x" * 201)

    assert response.status == 400
    expect(page.locator("main").get_by_role("searchbox")).to_have_attribute("aria-invalid", "true")
    no_accessibility_violations(page)


def test_the_header_on_a_wide_screen(open_page, guide):
    wide = open_page(viewport={"width": 1280, "height": 800})
    wide.goto(guide.get_absolute_url())
    expect(wide.get_by_role("search").get_by_role("button", name="Search")).to_be_visible()
    keep(wide, "article-1280")


def test_the_title_of_home_and_search_is_not_pressed_against_the_header(phone, guide):
    """The title of home and of search had 4 px under the header's line (0.25rem), where About,
    a person or a topic's breadcrumb have 24: on a phone it read as part of the header."""
    for address in ("/", "/search/?q=drip", "/search/"):
        phone.goto(address)
        header = phone.locator(".site-header").bounding_box()
        title = phone.get_by_role("heading", level=1).bounding_box()
        gap = title["y"] - (header["y"] + header["height"])
        assert gap >= 16, f"the title of {address} is {gap:.0f} px under the header"
