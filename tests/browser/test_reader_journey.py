"""A reader finds the guide on the home page and moves around in it."""

import re

from playwright.sync_api import expect

GUIDE_TITLE = "What Is Ketamine Infusion Used For"


def test_reader_opens_the_guide_from_home_and_jumps_to_a_section_from_the_contents(page, guide):
    """Home lists the guide; its table of contents scrolls the page to the chosen section."""
    page.goto("/")
    page.get_by_role("link", name=GUIDE_TITLE).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE_TITLE)
    expect(page).to_have_url(re.compile(rf"/articles/{guide.slug}/$"))

    section_heading = page.get_by_role("heading", name="Chronic Pain Management")
    expect(section_heading).not_to_be_in_viewport()  # else the jump below would prove nothing

    contents = page.get_by_role("navigation", name="Table of Contents")
    contents.get_by_role("link", name="Chronic Pain Management").click()

    expect(page).to_have_url(re.compile(r"#chronic-pain-management$"))
    expect(section_heading).to_be_in_viewport()


def test_guide_is_complete_without_javascript(open_page, guide):
    """The contents, its links and the FAQ are plain HTML: nothing depends on scripts."""
    page = open_page(java_script_enabled=False)
    page.goto(guide.get_absolute_url())

    contents = page.get_by_role("navigation", name="Table of Contents")
    expect(contents.get_by_role("link")).to_have_count(guide.sections.count() + 1)  # + the FAQ
    faq = page.locator("#faq")
    expect(faq.locator("ol > li")).to_have_count(guide.faqs.count())
    expect(faq.get_by_role("heading", name="Is ketamine infusion safe?")).to_be_visible()

    faq_heading = faq.get_by_role("heading", name="Frequently Asked Questions")
    expect(faq_heading).not_to_be_in_viewport()
    contents.get_by_role("link", name="Frequently Asked Questions").click()
    expect(page).to_have_url(re.compile(r"#faq$"))
    expect(faq_heading).to_be_in_viewport()


def test_guide_fits_a_phone_screen_without_sideways_scrolling(open_page, guide):
    """On a 390 px wide screen nothing makes the page wider than the screen."""
    page = open_page(viewport={"width": 390, "height": 844})
    page.goto(guide.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE_TITLE)

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
