"""Readers comment under the guide, only the author sees a waiting comment, a moderator approves it, a thread grows."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import QUESTION, REMEMBER_ME, WCAG_AA, comment, log_in, post_comment

ANSWER = "It did for me, for about an hour, then I felt calm."
AWAITING = "Your comment is awaiting moderation."


@pytest.fixture
def moderator(live_server, moderator):
    """The moderator of tests/conftest.py, in the database the live server reads."""
    return moderator


def landed_comment_id(page: Page) -> int:
    """The id of the comment a post redirected to (`…#comment-<id>`)."""
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    return int(re.search(r"#comment-(\d+)$", page.url).group(1))


def test_a_comment_waits_unseen_until_a_moderator_approves_it_then_gets_a_reply(open_page, guide, moderator):
    """Author sees it waiting, others don't; approved from the queue it is public and can be replied to."""
    reader_a = open_page()
    reader_a.goto(guide.get_absolute_url())
    post_comment(reader_a, name="Ann Reader", email="ann@example.com", text=QUESTION)

    expect(reader_a).to_have_url(re.compile(r"\?unapproved=[^&#]+#comment-\d+$"))
    question_id = landed_comment_id(reader_a)
    mine = comment(reader_a, question_id)
    expect(mine.locator(".comment-text")).to_have_text(QUESTION)
    expect(mine.get_by_role("status")).to_have_text(AWAITING)
    expect(mine).to_be_in_viewport()
    expect(mine.get_by_role("link", name=re.compile("^Reply"))).to_have_count(0)  # not before it is approved
    expect(reader_a.locator("#comments-heading")).to_have_text("Comments")  # waiting comments are not counted

    reader_b = open_page()
    reader_b.goto(guide.get_absolute_url())
    expect(reader_b.locator("#comments")).not_to_contain_text(QUESTION)
    expect(reader_b.locator(f"#comment-{question_id}")).to_have_count(0)

    staff = open_page()
    log_in(staff, moderator)
    staff.get_by_role("link", name="1 comment awaiting moderation").click()
    expect(staff.get_by_role("link", name="Pending (1)")).to_be_visible()  # the queue opens on Pending
    row = staff.get_by_role("row").filter(has_text=QUESTION)
    row.get_by_role("checkbox").check()
    staff.get_by_role("combobox", name=re.compile("^Action")).select_option(label="Approve selected comments")
    staff.get_by_role("button", name="Go", exact=True).click()
    expect(staff.locator(".messagelist .success")).to_contain_text("1 comment approved.")  # and an Undo button
    expect(row).to_have_count(0)  # gone from the Pending queue

    reader_a.reload()
    expect(mine.locator(".comment-text")).to_have_text(QUESTION)
    expect(mine).not_to_contain_text(AWAITING)
    expect(reader_a.locator("#comments-heading")).to_have_text("1 Comment")

    reader_b.reload()
    question = comment(reader_b, question_id)
    expect(question.locator(".comment-text")).to_have_text(QUESTION)
    expect(question).not_to_contain_text(AWAITING)

    question.get_by_role("link", name="Reply to Ann Reader", exact=True).click()
    expect(reader_b).to_have_url(re.compile(rf"\?replytocom={question_id}#comment-{question_id}$"))
    expect(reader_b.locator("#respond")).to_have_count(1)
    form = reader_b.locator(f"li#comment-{question_id} > #respond")
    expect(form).to_be_visible()
    expect(form.get_by_role("heading", level=3)).to_contain_text("Reply to Ann Reader")

    post_comment(reader_b, name="Bo Reader", email="bo@example.com", text=ANSWER)
    answer_id = landed_comment_id(reader_b)
    nested = reader_b.locator(f"li#comment-{question_id} > ol.comment-replies > li#comment-{answer_id}")
    expect(nested.locator("> article .comment-text")).to_have_text(ANSWER)
    expect(nested.get_by_role("status")).to_have_text(AWAITING)

    reader_a.reload()  # the reply waits, so its author alone sees it
    expect(reader_a.locator("#comments")).not_to_contain_text(ANSWER)


def test_reply_puts_the_form_under_the_comment_and_posts_without_javascript(open_page, guide, make_comment):
    """ "Reply" is a plain link and the form a plain post: both work with scripts turned off."""
    question_id = make_comment(guide, name="Ann Reader", body=QUESTION).pk
    reader = open_page(java_script_enabled=False)
    reader.goto(guide.get_absolute_url())

    comment(reader, question_id).get_by_role("link", name="Reply to Ann Reader", exact=True).click()
    expect(reader.locator("#respond")).to_have_count(1)
    form = reader.locator(f"li#comment-{question_id} > #respond")
    expect(form.get_by_role("heading", level=3)).to_contain_text("Reply to Ann Reader")
    expect(form.locator('input[name="parent"]')).to_have_value(str(question_id))

    post_comment(reader, name="Bo Reader", email="bo@example.com", text=ANSWER)
    answer_id = landed_comment_id(reader)
    nested = reader.locator(f"li#comment-{question_id} > ol.comment-replies > li#comment-{answer_id}")
    expect(nested.locator("> article .comment-text")).to_have_text(ANSWER)
    expect(nested.get_by_role("status")).to_have_text(AWAITING)


def test_an_invalid_email_is_explained_next_to_the_field_and_the_comment_is_kept(page, guide):
    """The browser stops "not-an-email"; the server refuses what the browser lets through, keeping the text."""
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="not-an-email", text=QUESTION)
    email = page.get_by_role("textbox", name="Email", exact=True)
    assert email.evaluate("input => input.validity.typeMismatch")
    expect(page).to_have_url(re.compile(rf"/articles/{guide.slug}/$"))  # nothing was sent

    post_comment(page, name="Ann Reader", email="ann@example", text=QUESTION)  # no dot: Django says no
    expect(page).to_have_url(re.compile(rf"/articles/{guide.slug}/comments/#error-summary$"))
    email_field = page.locator(".comment-field").filter(has=email)
    expect(email_field.locator(".field-errors")).to_have_text("Enter a valid email address.")
    expect(email).to_have_accessible_description("Enter a valid email address.")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_value("ann@example")
    expect(page.get_by_role("textbox", name="Comment", exact=True)).to_have_value(QUESTION)
    expect(page.get_by_role("textbox", name="Name", exact=True)).to_have_value("Ann Reader")


def test_consent_keeps_the_readers_details_for_their_next_comment(open_page, guide):
    """With the box ticked, the next form is filled in for the same browser, and for no other."""
    reader = open_page()
    reader.goto(guide.get_absolute_url())
    reader.get_by_role("checkbox", name=REMEMBER_ME).check()
    post_comment(reader, name="Ann Reader", email="ann@example.com", website="https://ann.example", text=QUESTION)
    landed_comment_id(reader)

    reader.goto(guide.get_absolute_url())
    expect(reader.get_by_role("textbox", name="Name", exact=True)).to_have_value("Ann Reader")
    expect(reader.get_by_role("textbox", name="Email", exact=True)).to_have_value("ann@example.com")
    expect(reader.get_by_role("textbox", name="Website", exact=True)).to_have_value("https://ann.example")
    expect(reader.get_by_role("checkbox", name=REMEMBER_ME)).to_be_checked()
    expect(reader.get_by_role("textbox", name="Comment", exact=True)).to_have_value("")

    stranger = open_page()
    stranger.goto(guide.get_absolute_url())
    expect(stranger.get_by_role("textbox", name="Name", exact=True)).to_have_value("")
    expect(stranger.get_by_role("checkbox", name=REMEMBER_ME)).not_to_be_checked()


def test_a_thread_with_a_reply_and_a_form_showing_errors_is_accessible(page, guide, make_comment):
    """axe finds nothing wrong with threads, the in-thread form, its error box and its field errors."""
    question = make_comment(guide, name="Ann Reader", body=QUESTION)
    make_comment(guide, parent=question, name="Bo Reader", body=ANSWER, website="https://bo.example")
    page.goto(f"{guide.get_absolute_url()}?replytocom={question.pk}#respond")

    page.locator('#respond input[name="timestamp"]').evaluate("input => input.value = 'tampered'")
    post_comment(page, name="Cy Reader", email="cy@example", website="javascript:alert(1)", text="Me too.")
    form = page.locator(f"li#comment-{question.pk} > #respond")  # still under the comment replied to
    expect(form.get_by_role("alert")).to_contain_text("The form could not be checked.")
    expect(form.locator(".field-errors")).to_have_count(2)  # email and website

    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_reply_still_opens_the_form_under_a_comment_after_a_refused_post(page, guide, make_comment):
    """After a mistake, "Reply" on a comment still opens the form under it, not the "POST only" page."""
    question_id = make_comment(guide, name="Ann Reader", body=QUESTION).pk
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Bo Reader", email="bo@example", text=ANSWER)
    expect(page.locator(".field-errors")).to_have_text("Enter a valid email address.")

    reply = comment(page, question_id).get_by_role("link", name="Reply to Ann Reader", exact=True)
    assert reply.evaluate("link => new URL(link.href).pathname") == guide.get_absolute_url()
    reply.click()
    expect(page.locator(f"li#comment-{question_id} > #respond")).to_be_visible()


def test_a_new_reader_posts_from_the_page_every_new_reader_shares(open_page, guide):
    """The second new reader gets the first one's bytes (no token of their own) and posts from them."""
    first = open_page().goto(guide.get_absolute_url())
    second = open_page()
    shared = second.goto(guide.get_absolute_url())
    assert shared.body() == first.body()
    assert "public" in shared.headers["cache-control"]

    post_comment(second, name="Cy Reader", email="cy@example.com", text="Posted from the shared page.")
    mine = comment(second, landed_comment_id(second))
    expect(mine.locator(".comment-text")).to_have_text("Posted from the shared page.")
    expect(mine.get_by_role("status")).to_have_text(AWAITING)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_the_sites_own_form_passes_the_origin_check(open_page, guide, javascript):
    """Chromium sends Sec-Fetch-Site: same-origin (and Origin) with the form: accepted, no token needed."""
    page = open_page(java_script_enabled=javascript)
    page.goto(guide.get_absolute_url())
    with page.expect_request(re.compile(r"/comments/")) as sent:
        post_comment(page, name="Di Reader", email="di@example.com", text="Sent from the article page.")
    assert sent.value.all_headers().get("sec-fetch-site") == "same-origin"
    mine = comment(page, landed_comment_id(page))
    expect(mine.locator(".comment-text")).to_have_text("Sent from the article page.")
