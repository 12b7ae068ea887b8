"""On a 390 px phone, a reader who writes of wanting to die under the guide (a mental-health topic) lands,
after posting, on the crisis help with a kind word, in view and without scrolling sideways, under their
waiting comment, even a long one; the page passes axe. A moderator finds the comment first in the queue,
marked. Another reader sees neither the comment nor the help."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import WCAG_AA, log_in, post_comment

PHONE = {"width": 390, "height": 844}
STORY = "I have had four infusions and felt better for a week each time. " * 6
CRISIS_TEXT = STORY + "Tonight it is back and I want to die."
KIND_WORDS = "Thank you for telling us. A person will read your comment soon."


@pytest.fixture
def moderator(live_server, moderator):
    """The moderator of tests/conftest.py, in the database the live server reads."""
    return moderator


def test_the_author_sees_the_crisis_help_in_view_after_posting(open_page, guide, moderator):
    author = open_page(viewport=PHONE)
    author.goto(guide.get_absolute_url())
    post_comment(author, name="Ann Reader", email="ann@example.com", text=CRISIS_TEXT)

    expect(author).to_have_url(re.compile(r"\?unapproved=[^&#]+#comment-\d+-help$"))
    help_box = author.get_by_role("complementary", name="Help for you now")
    expect(help_box).to_contain_text(KIND_WORDS)
    expect(help_box).to_contain_text("call your local emergency number")
    expect(help_box).to_be_in_viewport()
    shown = help_box.bounding_box()
    assert shown["y"] >= 0 and shown["y"] < PHONE["height"] / 2, shown  # its start near the top of the screen
    assert author.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(author, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    other = open_page(viewport=PHONE)
    other.goto(guide.get_absolute_url())
    expect(other.locator("#comments")).not_to_contain_text("want to die")
    expect(other.get_by_role("complementary", name="Help for you now")).to_have_count(0)

    staff = open_page()
    log_in(staff, moderator)
    staff.goto("/admin/comments/comment/")
    first_row = staff.locator("#result_list tbody tr").first
    expect(first_row.locator(".crisis-badge")).to_have_text("Possible crisis: “want to die”")
