"""An editor adds an image without dragging (the "Add image" button) and is asked to describe it."""

import io
import re

from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import canvas_png, drop_file, open_guide_in_admin

UPLOAD = re.compile(r"/editor/upload/$")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def choose_image_with_the_keyboard(page: Page, name: str) -> None:
    """Focus the field's "Add image" button, press Enter, pick a PNG in the file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=name).press("Enter")
    with page.expect_response(UPLOAD) as upload:
        chooser.value.set_files(files=[{"name": "chart.png", "mimeType": "image/png", "buffer": png_bytes()}])
    assert upload.value.status == 200


def test_an_image_added_with_the_button_gets_the_description_the_editor_gives(editor_page, guide, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = editor_page
    open_guide_in_admin(page, guide)
    editor = page.locator("#id_introduction")
    container = page.locator(".markdownx").filter(has=editor)
    expect(page.locator("#id_introduction_helptext")).to_contain_text("drop or paste it into the text")

    choose_image_with_the_keyboard(page, "Add image to Introduction")

    dialog = page.get_by_role("dialog", name="Describe the image")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Description (alt text)")).to_be_focused()
    page.keyboard.type("Chart of [weekly] doses")
    dialog.get_by_role("button", name="Add description").click()
    expect(dialog).to_be_hidden()
    expect(editor).to_have_value(
        re.compile(r"considerations\.\n\n!\[Chart of \\\[weekly\\\] doses\]\(/media/uploads/[0-9a-f]{32}\.png\)$")
    )  # nobody placed the cursor: at the end, as a paragraph of its own
    expect(container.locator('.markdownx-preview img[alt="Chart of [weekly] doses"]')).to_have_count(1)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist")).not_to_contain_text("without a description")
    page.goto(guide.get_absolute_url())
    expect(page.locator('main img[alt="Chart of [weekly] doses"]')).to_have_count(1)


def test_an_image_dropped_and_left_undescribed_is_still_warned_about(editor_page, guide, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = editor_page
    open_guide_in_admin(page, guide)
    editor = page.locator("#id_introduction")
    with page.expect_response(UPLOAD):
        drop_file(page, editor, canvas_png("photo.png"))
    dialog = page.get_by_role("dialog", name="Describe the image")
    dialog.get_by_role("button", name="Skip for now").click()
    expect(editor).to_have_value(re.compile(r"!\[\]\(/media/uploads/[0-9a-f]{32}\.png\)"))
    expect(editor).to_be_focused()

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .warning")).to_contain_text("1 image without a description")


def test_a_new_faq_row_has_its_own_add_image_button(editor_page, guide, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = editor_page
    open_guide_in_admin(page, guide)
    faqs = page.locator("#faqs-group")
    row_number = int(faqs.locator('input[name="faqs-TOTAL_FORMS"]').input_value())
    faqs.get_by_role("button", name="Add another FAQ entry").click()
    new_row = faqs.locator(f"#faqs-{row_number}")
    expect(new_row.get_by_role("button", name="Add image to Answer")).to_have_count(1)

    with page.expect_file_chooser() as chooser:
        new_row.get_by_role("button", name="Add image to Answer").click()
    with page.expect_response(UPLOAD):
        chooser.value.set_files(files=[{"name": "chart.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.get_by_role("dialog", name="Describe the image").get_by_label("Description (alt text)").fill("A chart")
    page.get_by_role("button", name="Add description").click()
    expect(new_row.locator("textarea.markdownx-editor")).to_have_value(
        re.compile(r"^!\[A chart\]\(/media/uploads/[0-9a-f]{32}\.png\)")
    )


def test_on_a_phone_the_description_dialog_sits_inside_the_screen_with_buttons_big_enough_to_tap(
    editor_page, guide, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = editor_page
    page.set_viewport_size({"width": 390, "height": 844})
    open_guide_in_admin(page, guide)
    choose_image_with_the_keyboard(page, "Add image to Introduction")
    dialog = page.get_by_role("dialog", name="Describe the image")
    box = dialog.bounding_box()
    assert box["x"] >= 8 and box["x"] + box["width"] <= 390 - 8, box  # a margin: it reads as a dialog
    for name in ("Add description", "Skip for now"):
        button = dialog.get_by_role("button", name=name).bounding_box()
        assert button["height"] >= 24 and button["width"] >= 24, (name, button)
