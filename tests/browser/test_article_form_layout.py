"""The article's change form reads well: wide title, address and summary, and a Preview button."""

from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import open_guide_in_admin


def test_title_address_and_summary_are_wide_enough_to_read(editor_page, guide):
    page = editor_page
    page.set_viewport_size({"width": 1366, "height": 900})
    open_guide_in_admin(page, guide)
    for label in ("Title:", "Address:", "Summary:"):
        box = page.get_by_label(label).bounding_box()
        assert box["width"] >= 600, (label, box)
    summary_fits = "el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight"
    assert page.get_by_label("Summary:").evaluate(summary_fits), "the guide's summary is cut off"


def test_on_a_phone_the_wide_inputs_stay_on_the_screen(editor_page, guide):
    page = editor_page
    page.set_viewport_size({"width": 390, "height": 844})
    open_guide_in_admin(page, guide)
    for label in ("Title:", "Address:", "Summary:"):
        box = page.get_by_label(label).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)


def test_the_change_form_of_a_draft_has_a_preview_button(editor_page, guide):
    Article.objects.filter(pk=guide.pk).update(status=Article.Status.DRAFT)
    page = editor_page
    open_guide_in_admin(page, guide)
    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Preview: not published.")
    expect(page.locator("#comments")).to_contain_text("Comments will open when this article is published.")


def test_the_references_table_fits_a_desktop_screen_with_every_column_in_view(editor_page, editor, guide):
    """The guide's long reference links once pushed Accessed and Delete? past a 1366 px screen."""
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_reference"))  # as the Editors group
    page = editor_page
    page.set_viewport_size({"width": 1366, "height": 900})
    open_guide_in_admin(page, guide)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, "the change form scrolls sideways"
    for field in ("url", "accessed_on", "DELETE"):
        box = page.locator(f'#references-group input[name="references-0-{field}"]').bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, (field, box)


def test_on_a_phone_the_references_keep_readable_inputs(editor_page, editor, guide):
    """The table scrolls sideways inside its box on a phone rather than squeezing its inputs."""
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_reference"))  # as the Editors group
    page = editor_page
    page.set_viewport_size({"width": 390, "height": 844})
    open_guide_in_admin(page, guide)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the change form scrolls sideways"
    for field in ("title", "url"):
        box = page.locator(f'#references-group input[name="references-0-{field}"]').bounding_box()
        assert box["width"] >= 150, (field, box)
