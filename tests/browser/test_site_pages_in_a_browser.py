"""Site pages in Chromium: reached from the footer, readable on a 390 px phone, with the icon found.

Their accessibility is checked with every public page's, in test_accessibility.py.
"""

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import role_group, staff_user

PHONE = {"width": 390, "height": 844}


def test_a_reader_on_a_phone_reaches_the_privacy_page_from_the_article_footer(open_page, guide):
    page = open_page(viewport=PHONE)
    failed_icons = []
    page.on("response", lambda r: failed_icons.append(r.url) if "icon" in r.url and r.status >= 400 else None)
    page.goto(guide.get_absolute_url())
    page.get_by_role("navigation", name="About this site").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1, name="Privacy")).to_be_visible()
    expect(page.get_by_text("comment_author").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
    assert page.evaluate("fetch('/static/favicon.svg').then(r => r.status)") == 200
    assert not failed_icons


def test_an_editor_previews_a_site_page_as_its_page_shows_it(page, guide):
    """Headings start at h2 on a site page: its editor's live preview shows them, as the page will."""
    editor = staff_user("page-editor", [])
    editor.groups.add(role_group("Editors"))
    log_in(page, editor)
    page.goto("/admin/articles/sitepage/")
    page.get_by_role("link", name="About", exact=True).click()
    editor_box = page.locator("textarea.markdownx-editor")
    editor_box.press("Control+End")
    editor_box.press_sequentially("\n\n## Our newsletter\n\nComing *soon*.")
    preview = page.locator(".markdownx-preview")
    expect(preview.get_by_role("heading", level=2, name="Our newsletter")).to_be_visible()
    expect(preview.locator("em")).to_have_text("soon")
