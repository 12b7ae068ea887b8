"""An editor changes the guide in the admin, with the live Markdown preview, and readers see the change."""

import re

from playwright.sync_api import Locator, expect

from tests.browser.conftest import SECTION_HEADING, canvas_png, drop_file, open_guide_in_admin, section_row

NEW_QUESTION = "Can I drive home after an infusion?"


def section_anchor(guide) -> str:
    """The id of the edited section on the public page."""
    return guide.sections.get(heading=SECTION_HEADING).anchor


def type_at_end(editor: Locator, text: str) -> None:
    """Type into a textarea after its existing text, key by key, as a person would."""
    editor.click()
    editor.press("Control+End")
    editor.press_sequentially(text)


def test_editor_changes_the_guide_with_live_preview_and_readers_see_it(editor_page, guide):
    """Preview follows the typing in an existing section and in a FAQ row added with "Add another".

    The new row's preview is the point: django-markdownx initialises editors only on page load,
    so without articles/admin/markdownx-rows.js the new row's preview stays empty.
    """
    page = editor_page
    open_guide_in_admin(page, guide)

    section = section_row(page, SECTION_HEADING)
    expect(section).to_have_count(1)
    type_at_end(section.locator("textarea.markdownx-editor"), "\n\n**Edited in the browser**")
    expect(section.locator(".markdownx-preview strong")).to_have_text("Edited in the browser")

    faqs = page.locator("#faqs-group")
    new_row_number = int(faqs.locator('input[name="faqs-TOTAL_FORMS"]').input_value())
    faqs.get_by_role("button", name="Add another FAQ entry").click()
    new_faq = faqs.locator(f"#faqs-{new_row_number}")
    new_faq.get_by_label("Question").fill(NEW_QUESTION)
    type_at_end(new_faq.locator("textarea.markdownx-editor"), "Not *yourself*: **someone must drive you**.")
    new_faq_preview = new_faq.locator(".markdownx-preview")
    expect(new_faq_preview.locator("em")).to_have_text("yourself")
    expect(new_faq_preview.locator("strong")).to_have_text("someone must drive you")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    page.goto(guide.get_absolute_url())
    expect(page.locator(f"#{section_anchor(guide)} strong")).to_have_text("Edited in the browser")
    last_faq = page.locator("#faq ol > li").last
    expect(last_faq.get_by_role("heading", level=3)).to_have_text(NEW_QUESTION)
    expect(last_faq.locator("p")).to_have_text("Not yourself: someone must drive you.")
    expect(last_faq.locator("strong")).to_have_text("someone must drive you")


def test_a_refused_upload_shows_the_servers_reason_and_leaves_the_text_alone(editor_page, guide):
    """Dropping a file that is not an image shows why it was refused; no "Invalid response" is inserted."""
    page = editor_page
    open_guide_in_admin(page, guide)
    editor = page.locator("#id_introduction")
    text_before = editor.input_value()
    container = page.locator(".markdownx").filter(has=editor)

    not_an_image = page.evaluate_handle(
        """() => {
            const data = new DataTransfer();
            data.items.add(new File(["just some text"], "x.png", {type: "image/png"}));
            return data;
        }"""
    )
    with page.expect_response(re.compile(r"/editor/upload/$")) as upload:
        editor.dispatch_event("drop", {"dataTransfer": not_an_image})
    assert upload.value.status == 400

    expect(container.locator(".markdownx-upload-error")).to_have_text(
        re.compile(r"^This file is not an image we accept\.")
    )
    expect(container.get_by_role("alert")).to_be_visible()
    expect(editor).to_have_value(text_before)


def test_a_dropped_image_is_uploaded_and_its_markdown_inserted(editor_page, guide, settings, tmp_path):
    """A real PNG dropped on the editor is stored and `![](/media/uploads/<random>.png)` lands in the text."""
    settings.MEDIA_ROOT = tmp_path
    page = editor_page
    open_guide_in_admin(page, guide)
    editor = page.locator("#id_introduction")
    with page.expect_response(re.compile(r"/editor/upload/$")) as upload:
        drop_file(page, editor, canvas_png("chart.png"))
    assert upload.value.status == 200
    expect(editor).to_have_value(re.compile(r"!\[\]\(/media/uploads/[0-9a-f]{32}\.png\)"))
    assert len(list(tmp_path.rglob("*.png"))) == 1


def test_an_upload_answered_with_an_html_error_page_is_reported_not_hung(editor_page, guide):
    """A proxy's HTML 413 (not our JSON) still ends in a message, and the editor is usable again."""
    page = editor_page
    open_guide_in_admin(page, guide)
    page.route(
        re.compile(r"/editor/upload/$"),
        lambda route: route.fulfill(status=413, content_type="text/html", body="<h1>413 Request Entity Too Large</h1>"),
    )
    editor = page.locator("#id_introduction")
    text_before = editor.input_value()
    container = page.locator(".markdownx").filter(has=editor)
    drop_file(page, editor, '() => new File(["x"], "big.png", {type: "image/png"})')
    expect(container.locator(".markdownx-upload-error")).to_contain_text("the server answered 413")
    expect(editor).to_have_value(text_before)
    expect(editor).to_have_css("opacity", "1")
