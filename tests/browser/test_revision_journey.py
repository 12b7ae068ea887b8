"""An editor restores an earlier revision of a published article: readers keep the article."""

import re

import pytest
import reversion
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.browser.conftest import log_in, open_guide_in_admin
from tests.conftest import role_group, staff_user

# What was restored is the group; it is written for JavaScript's RegExp too (no named groups).
RESTORED = re.compile(
    r"^Restored the revision of \d{1,2} \w+ \d{4}, \d\d:\d\d: (.+)\. Status \(Published\) and publish time kept\.$"
)


@pytest.fixture
def editor(live_server, db):
    """An editor in the Editors group: every inline of the article form, old addresses included."""
    user = staff_user("ann", [])
    user.groups.add(role_group("Editors"))
    return user


def restore_revision(page: Page, number: int) -> str:
    """From the change form: History, the revision `number` rows down (0 is the current one), Save.

    Returns the success message.
    """
    page.get_by_role("link", name="History").click()
    page.locator("#change-history tbody th a").nth(number).click()
    expect(page.get_by_role("heading", name=re.compile("^Restore the revision of"))).to_be_visible()
    expect(page.get_by_label("Status:")).to_have_value("published")
    page.get_by_role("button", name="Save", exact=True).click()
    success = page.locator(".messagelist .success")
    expect(success).to_have_text(RESTORED)
    return success.inner_text()


def test_restoring_a_revision_from_before_publication_keeps_the_article_published(editor_page, open_page, guide):
    with reversion.create_revision():
        guide.title, guide.status, guide.published_at = "Working title", Article.Status.DRAFT, None
        guide.save()
    page = editor_page
    open_guide_in_admin(page, guide)
    page.get_by_label("Title:").fill("What Is Ketamine Infusion Used For?")
    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    message = restore_revision(page, 1)  # the draft, one below the current revision

    assert RESTORED.match(message)[1] == "title"
    expect(page.get_by_role("heading", name="Change article")).to_be_visible()
    expect(page.get_by_label("Title:")).to_have_value("Working title")
    expect(page.get_by_label("Status:")).to_have_value("published")
    reader = open_page()
    assert reader.goto(guide.get_absolute_url()).status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text("Working title")


def test_an_earlier_revision_is_restored_after_a_rename(editor_page, open_page, guide):
    page = editor_page
    open_guide_in_admin(page, guide)
    page.get_by_label("Address:").fill("ketamine-infusion-uses")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    expect(page.locator("#old_addresses-group")).to_contain_text(guide.slug)

    message = restore_revision(page, 1)

    assert RESTORED.match(message)[1] == "address"
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.get_by_label("Address:")).to_have_value(guide.slug)
    reader = open_page()
    assert reader.goto(guide.get_absolute_url()).status == 200
    reader.goto("/articles/ketamine-infusion-uses/")
    expect(reader).to_have_url(re.compile(rf"/articles/{guide.slug}/$"))


def test_on_a_phone_the_history_keeps_names_and_words_whole(open_page, editor, guide):
    """The admin breaks table cells mid-word on a phone ("a / nn"); the history scrolls sideways instead."""
    page = log_in(open_page(viewport={"width": 390, "height": 844}), editor)
    open_guide_in_admin(page, guide)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="History").click()
    by = page.locator("#change-history tbody tr").first.locator("td").nth(2)
    expect(by).to_have_text(editor.username)
    lines = by.evaluate(
        "cell => { const r = document.createRange(); r.selectNodeContents(cell); return r.getClientRects().length; }"
    )
    assert lines == 1


def test_an_editor_compares_two_revisions_from_the_history(editor_page, guide):
    page = editor_page
    open_guide_in_admin(page, guide)
    introduction = page.locator("#id_introduction")
    introduction.fill(introduction.input_value() + "\n\nA sentence added today.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    page.get_by_role("button", name="Save and continue editing").click()  # a second revision to compare with
    page.get_by_role("link", name="History").click()
    page.locator("#change-history tbody tr").nth(2).locator('input[name="version_id1"]').check()

    page.get_by_role("button", name="Compare the two revisions").click()

    expect(page.get_by_role("heading", name=re.compile("^Compare revisions of"))).to_be_visible()
    expect(page.locator("ins", has_text="A sentence added today.")).to_have_count(1)
    page.get_by_role("link", name="Back to the history").click()
    expect(page.locator("#change-history")).to_be_visible()
