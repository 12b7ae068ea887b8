"""A moderator approves a waiting comment from the mail in two clicks, and readers see it; the pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.conftest import (
    PHONE,
    QUESTION,
    assert_accessible_on_a_phone_and_a_wide_screen,
    comment,
    post_comment,
)

LINK = re.compile(r"^(Approve|Spam|Remove|Reply): (\S+)\r?$", re.MULTILINE)


@pytest.fixture
def moderator(live_server, moderator):
    """The moderator of tests/conftest.py, in the database the live server reads."""
    return moderator


@pytest.fixture
def mail_links_on_live_server(smtp_inbox, settings, live_server):
    """Mail goes to the SMTP server on 127.0.0.1, its links to the live server."""
    settings.SITE_URL = live_server.url
    return smtp_inbox


def mailed_links(inbox) -> dict[str, str]:
    [message] = inbox.messages
    return dict(LINK.findall(message.body))


def test_a_moderator_approves_from_the_mail_in_two_clicks_and_the_comment_is_public(
    open_page, guide, moderator, mail_links_on_live_server
):
    reader = open_page()
    reader.goto(guide.get_absolute_url())
    post_comment(reader, name="Ann Reader", email="ann@example.com", text=QUESTION)
    expect(reader.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    waiting = Comment.objects.get()

    page = open_page(viewport=PHONE)  # the moderator's phone, not logged in to the site
    page.goto(mailed_links(mail_links_on_live_server)["Approve"])  # click 1: the link in the mail
    expect(page.get_by_role("heading", name="Approve this comment?")).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    assert_accessible_on_a_phone_and_a_wide_screen(page)
    page.get_by_role("button", name="Approve").click()  # click 2

    expect(page.get_by_role("heading", name="Comment approved")).to_be_visible()
    expect(page.get_by_role("link", name="Moderation queue")).to_be_visible()
    page.get_by_role("link", name="See it on the article").click()
    expect(page).to_have_url(re.compile(f"#comment-{waiting.pk}$"))
    expect(comment(page, waiting.pk).get_by_text(QUESTION)).to_be_visible()
    stranger = open_page()
    stranger.goto(guide.get_absolute_url())
    expect(comment(stranger, waiting.pk).get_by_text(QUESTION)).to_be_visible()


def test_the_reply_page_and_a_used_link_read_well_on_a_phone(open_page, guide, moderator, mail_links_on_live_server):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="ann@example.com", text=QUESTION)
    links = mailed_links(mail_links_on_live_server)

    page.goto(links["Reply"])
    expect(page.get_by_role("heading", name="Reply to this comment")).to_be_visible()
    assert_accessible_on_a_phone_and_a_wide_screen(page)
    page.get_by_role("textbox", name="Your reply").fill("Please ask your prescriber.")
    page.get_by_role("button", name="Approve and reply").click()
    expect(page.get_by_text("Your reply is published under it.")).to_be_visible()
    page.get_by_role("link", name="See your reply").click()
    expect(page.get_by_text("Please ask your prescriber.")).to_be_visible()

    page.goto(links["Spam"])
    expect(page.get_by_role("heading", name="This comment was already approved")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Approved by moderator at "))).to_be_visible()
    assert_accessible_on_a_phone_and_a_wide_screen(page)
