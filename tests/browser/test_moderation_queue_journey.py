"""A moderator clears the queue from its rows and bulk actions, never opening a comment, and undoes a slip."""

import re

import pytest
from playwright.sync_api import Page, expect

from comments.models import Comment
from tests.browser.conftest import log_in

QUEUE = "/admin/comments/comment/"
MAX_CLICKS = 8
# Nothing to scroll sideways: not the page, not the table's own scrolling container.
FITS = """() => [document.documentElement, document.querySelector('#changelist-form .results')]
    .every(box => box.scrollWidth <= box.clientWidth)"""
LONG_TAIL = " It took a while to find the right clinic, and the nurses explained every step." * 5


@pytest.fixture
def moderator(live_server, moderator):
    """The moderator of tests/conftest.py, in the database the live server reads."""
    return moderator


@pytest.fixture
def moderator_page(page, moderator) -> Page:
    """A page on which the moderator has logged in to the admin through its login form."""
    return log_in(page, moderator)


def waiting(article, body, *, name="Ann Reader"):
    return Comment.objects.create(
        article=article,
        name=name,
        email="reader@example.com",
        body=body,
        status=Comment.Status.PENDING,
        ip_address="198.51.100.4",
    )


class Clicks:
    """Counts what the moderator clicks (choosing from the action list counts as two: open, pick)."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        locator.click()
        self.count += 1

    def choose(self, select, value):
        select.select_option(value)
        self.count += 2


def row(page: Page, text: str):
    return page.locator("#result_list tbody tr", has_text=text)


def test_a_moderator_clears_twenty_comments_in_at_most_eight_clicks(moderator_page, guide):
    page = moderator_page
    good = [waiting(guide, f"Good comment {n}: the dosing section helped me.{LONG_TAIL if n % 4 == 0 else ''}")
            for n in range(1, 18)]  # fmt: skip
    spam = [waiting(guide, f"Cheap pills {n}, visit my shop.", name="Spammer") for n in (1, 2)]
    rude = waiting(guide, "A rude remark about another reader.", name="Rude")

    page.goto("/admin/")
    expect(page.locator("#header").get_by_role("link", name="20 comments awaiting moderation")).to_be_visible()
    page.locator("#header").get_by_role("link", name="20 comments awaiting moderation").click()
    # Nothing is clipped at 1366 px: the table fits its container, Posted and IP included.
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.locator("#result_list")).to_be_visible()
    assert page.evaluate(FITS)
    expect(row(page, "Good comment 1:")).to_contain_text("198.51.100.4")
    expect(page.get_by_role("columnheader", name="Posted")).to_be_visible()

    clicks = Clicks()
    for comment in spam:
        clicks.click(row(page, comment.body).get_by_role("button", name="Spam"))
        expect(page.locator(".messagelist")).to_contain_text("1 comment marked as spam.")
    clicks.click(row(page, rude.body).get_by_role("button", name="Remove"))
    expect(page.locator(".messagelist")).to_contain_text("1 comment removed.")
    expect(page.locator("#result_list tbody tr")).to_have_count(17)
    clicks.click(page.locator("#action-toggle"))
    clicks.choose(page.locator("select[name=action]"), "approve")
    clicks.click(page.get_by_role("button", name="Go", exact=True))

    expect(page.locator(".messagelist")).to_contain_text("17 comments approved.")
    assert clicks.count <= MAX_CLICKS
    expect(page.locator("#result_list")).to_have_count(0)
    expect(page.locator("#header .pending-comments")).to_have_count(0)
    assert not Comment.objects.pending().exists()

    page.goto(guide.get_absolute_url())
    for comment in good:
        expect(page.locator("#comments")).to_contain_text(comment.body.split(":")[0] + ":")
    for comment in [*spam, rude]:
        expect(page.locator("#comments")).not_to_contain_text(comment.body)
    expect(page.locator("body")).not_to_contain_text("198.51.100.4")


def test_undo_puts_back_what_a_bulk_action_changed(moderator_page, guide):
    page = moderator_page
    comments = [waiting(guide, f"Slip number {n}.") for n in (1, 2, 3)]

    page.goto(QUEUE)
    page.locator("#action-toggle").click()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("3 comments approved.")
    public = page.context.new_page()
    public.goto(guide.get_absolute_url())
    expect(public.locator("#comments")).to_contain_text("Slip number 3.")

    page.locator(".messagelist").get_by_role("button", name="Undo").click()
    expect(page.locator(".messagelist")).to_contain_text("3 comments put back as they were.")
    expect(page).to_have_url(re.compile(r"/admin/comments/comment/$"))
    for comment in comments:
        expect(row(page, comment.body)).to_have_count(1)
    assert {c.status for c in Comment.objects.all()} == {Comment.Status.PENDING}
    public.reload()
    expect(public.locator("#comments")).not_to_contain_text("Slip number")


def test_on_a_phone_each_comment_is_readable_and_decided_without_sideways_scrolling(open_page, moderator, guide):
    waiting(guide, "A question from a phone reader." + LONG_TAIL)
    page = log_in(open_page(viewport={"width": 390, "height": 844}), moderator)
    page.goto(QUEUE)

    comment = row(page, "A question from a phone reader.")
    comment.get_by_text("more", exact=True).click()
    expect(comment.locator(".comment-full")).to_be_visible()
    assert page.evaluate(FITS)
    comment.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment approved.")


def test_a_moderator_approves_and_replies_from_a_row_and_readers_see_both(moderator_page, open_page, guide):
    waiting(guide, "Does the first session hurt?")
    page = moderator_page
    page.goto(QUEUE)
    row(page, "Does the first session hurt?").get_by_role("link", name="Approve and reply").click()
    expect(page.get_by_label("Reply as staff:")).to_be_focused()
    page.keyboard.type("No: you are awake and comfortable throughout.")

    page.get_by_role("button", name="Approve and reply").click()

    expect(page.locator(".messagelist")).to_contain_text("Your reply is published.")
    reader = open_page()
    reader.goto(guide.get_absolute_url())
    thread = reader.locator("#comments")
    expect(thread).to_contain_text("Does the first session hurt?")
    expect(thread.locator(".comment-staff")).to_contain_text("No: you are awake and comfortable throughout.")


def test_at_1280_px_beside_the_filters_every_column_fits_approve_and_reply_too(moderator_page, guide):
    """At 1280 px the filter panel leaves the table about 930 px: the posted date, kept on one line,
    once pushed the last column (and its Approve and reply link) past the table's edge."""
    waiting(guide, "I have tried everything and some days I want to die.", name="Alex")
    page = moderator_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(QUEUE)

    assert page.evaluate(FITS), "the queue scrolls sideways at 1280 px"
    expect(row(page, "some days I want to die").get_by_role("link", name="Approve and reply")).to_be_in_viewport()
