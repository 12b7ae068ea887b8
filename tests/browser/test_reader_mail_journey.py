"""On a 390 px phone a reader ticks "Email me…", is mailed once when a moderator approves the
comment, and one click on the mail's link unsubscribes; the form and the page pass axe."""

import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from comments.models import Comment
from comments.services import set_status
from tests.browser.conftest import WCAG_AA, post_comment

PHONE = {"width": 390, "height": 844}
NOTIFY = "Email me when my comment is published and when someone replies"


def passes_axe_at_phone_width(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_a_reader_opts_in_is_mailed_once_on_approval_and_unsubscribes_in_one_click(open_page, guide):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    box = page.get_by_role("checkbox", name=NOTIFY)
    expect(box).not_to_be_checked()
    box.check()
    passes_axe_at_phone_width(page)
    post_comment(page, name="Ann Reader", email="ann@example.com", text="Will I be told when this is published?")
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()

    comment = Comment.objects.get()
    set_status(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED)
    set_status(Comment.objects.filter(pk=comment.pk), Comment.Status.PENDING)
    set_status(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED)
    [message] = mail.outbox
    assert message.to == ["ann@example.com"]

    link = re.search(r"all mail from this site: (\S+)", message.body)[1]
    page.goto(urlsplit(link).path)  # the link names SITE_URL; the same path on the test's server
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    passes_axe_at_phone_width(page)
    page.get_by_role("button", name="Subscribe again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed again")
    assert Comment.objects.get(pk=comment.pk).notify_author
