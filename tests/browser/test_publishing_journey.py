"""An editor takes an article from blank to scheduled, published, renamed and restored, in the browser."""

import re
from datetime import timedelta
from io import BytesIO

import time_machine
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from articles.models import Article

TITLE = "Ketamine and sleep"
SLUG = "ketamine-and-sleep"


def png_bytes() -> bytes:
    output = BytesIO()
    Image.new("RGB", (1200, 600), (30, 120, 90)).save(output, format="PNG")
    return output.getvalue()


def add_row(page: Page, group: str, button: str) -> str:
    """Click "Add another …" in an inline and return the new row's prefix (e.g. "sections-0")."""
    inline = page.locator(f"#{group}-group")
    number = inline.locator(f'input[name="{group}-TOTAL_FORMS"]').input_value()
    inline.get_by_role("button", name=button).click()
    return f"{group}-{number}"


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_editor_schedules_previews_publishes_renames_and_restores(editor_page, open_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = editor_page
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Title:").press_sequentially(TITLE)  # the address fills itself on key presses
    expect(page.get_by_label("Address:")).to_have_value(SLUG)  # filled from the title
    page.get_by_label("Summary:").fill("How ketamine infusions affect sleep.")
    page.locator("#id_lead_image").set_input_files(
        {"name": "night.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_label("Lead image description:").fill("A bedroom at night")
    page.locator("#id_introduction").fill("Sleep *changes* after an infusion.")
    expect(page.locator(".markdownx").filter(has=page.locator("#id_introduction")).locator("em")).to_have_text(
        "changes"
    )
    page.get_by_label("Status:").select_option("published")
    publish_at = timezone.now() + timedelta(minutes=1)
    page.locator("#id_published_at_0").fill(publish_at.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(publish_at.strftime("%H:%M:%S"))

    section = add_row(page, "sections", "Add another section")
    page.locator(f"#id_{section}-heading").fill("First night")
    page.locator(f"#id_{section}-body").fill("Most people sleep **well**.")
    faq = add_row(page, "faqs", "Add another FAQ entry")
    page.locator(f"#id_{faq}-question").fill("Will I dream?")
    page.locator(f"#id_{faq}-answer").fill("Often, *vividly*.")
    save_and_continue(page)

    # The editor previews the scheduled article at its public address.
    page.goto(f"/articles/{SLUG}/")
    expect(page.get_by_role("status")).to_contain_text("Preview: not published.")
    expect(page.get_by_role("status")).to_contain_text("Scheduled for")
    expect(page.locator(".lead-image img")).to_have_attribute("alt", "A bedroom at night")

    # A reader gets "Page not found" until the publish time; then the article is there, no cron job.
    reader = open_page()
    reader.goto(f"/articles/{SLUG}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Page not found")
    with time_machine.travel(publish_at + timedelta(minutes=1), tick=True):
        reader.reload()
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(reader.locator("#first-night strong")).to_have_text("well")
        expect(reader.locator("#faq")).to_contain_text("Will I dream?")

        # The clock stays after the publish time: renaming keeps the old address working.
        article = Article.objects.get(slug=SLUG)
        page.goto(f"/admin/articles/article/{article.pk}/change/")
        page.get_by_label("Address:").fill("ketamine-infusions-and-sleep")
        page.locator(f"#id_{section}-body").fill("Revised: sleep varies.")
        save_and_continue(page)
        reader.goto(f"/articles/{SLUG}/")
        expect(reader).to_have_url(re.compile(r"/articles/ketamine-infusions-and-sleep/$"))
        expect(reader.locator("#first-night")).to_contain_text("Revised: sleep varies.")

        # Restoring the first revision brings back the first text (and the first address).
        page.get_by_role("link", name="History").click()
        page.locator("#change-history a", has_text=re.compile(r"\d")).last.click()
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".messagelist .success")).to_be_visible()
        # A new reader: the first one's browser keeps the 301 it was given, as browsers do.
        new_reader = open_page()
        new_reader.goto(f"/articles/{SLUG}/")
        expect(new_reader.locator("#first-night strong")).to_have_text("well")
