"""An editor who pastes Markdown too deeply nested to render sees why in the preview, and keeps the text."""

from playwright.sync_api import expect

from tests.browser.conftest import SECTION_HEADING, open_guide_in_admin, section_row

DEEP_LIST = "- " * 480 + "a"


def test_the_preview_and_the_save_say_why_and_keep_the_text(editor_page, guide):
    page = editor_page
    open_guide_in_admin(page, guide)
    section = section_row(page, SECTION_HEADING)
    editor = section.locator("textarea.markdownx-editor")
    editor.fill(DEEP_LIST)

    refusal = section.locator(".markdownx-preview .errornote")
    expect(refusal).to_contain_text("nested 480 levels deep; the limit is 16")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote").first).to_be_visible()
    section = page.locator("#sections-group .inline-related").filter(has=page.locator(".errorlist"))
    expect(section.locator(".errorlist")).to_contain_text("nested 480 levels deep")
    expect(section.locator("textarea.markdownx-editor")).to_have_value(DEEP_LIST)
