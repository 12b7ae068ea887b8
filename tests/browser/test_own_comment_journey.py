"""On a 390 px phone, the author of a comment edits it, then deletes it; another reader never sees the controls."""

import re

from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.conftest import QUESTION, comment, post_comment

PHONE = {"width": 390, "height": 844}
EDITED = "Does the first infusion feel strange? I meant the very first minutes."
CONTROLS = re.compile(r"You can change this for 1[45] more minutes\.")


def test_the_author_edits_then_deletes_their_comment_on_a_phone(open_page, guide):
    page = open_page(viewport=PHONE)
    page.goto(guide.get_absolute_url())
    post_comment(page, name="Ann Reader", email="ann@example.com", text=QUESTION)
    posted = Comment.objects.get()
    own = comment(page, posted.pk)
    expect(own).to_contain_text(CONTROLS)

    reader = open_page(viewport=PHONE)
    reader.goto(guide.get_absolute_url())
    expect(reader.get_by_role("link", name="Edit your comment")).to_have_count(0)

    own.get_by_role("link", name="Edit your comment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit your comment")
    box = page.get_by_role("textbox", name="Comment", exact=True)
    expect(box).to_have_value(QUESTION)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box.fill(EDITED)
    page.get_by_role("button", name="Save your comment").click()

    own = comment(page, posted.pk)
    expect(own).to_contain_text("I meant the very first minutes.")
    expect(own).to_contain_text("Your comment is awaiting moderation.")  # the rules hold every new text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    own.get_by_role("link", name="Delete your comment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete your comment")
    page.get_by_role("button", name="Delete your comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comment was deleted")

    page.get_by_role("link", name=re.compile("Back to")).click()
    expect(page.locator(f"#comment-{posted.pk}")).to_have_count(0)
    posted.refresh_from_db()
    assert posted.status == Comment.Status.WITHDRAWN
