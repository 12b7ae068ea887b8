"""A reader follows an old WordPress link to one comment on a later page of the guide's comments
(`<permalink>#comment-<WordPress id>`) and lands scrolled at that comment here."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from comments.models import Comment
from tests.wordpress_export import FIXTURE, GUIDE_SLUG

PERMALINK = f"/2026/10/01/{GUIDE_SLUG}/"


@pytest.fixture
def imported(live_server):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())


def a_comment_on_a_later_page() -> Comment:
    shown = Comment.objects.shown().filter(article__slug=GUIDE_SLUG, imported_id__isnull=False).order_by("-created_at")
    comment = next(c for c in shown if "comments-page=" in c.get_absolute_url() and c.imported_id != c.pk)
    return comment


def test_an_old_link_to_a_comment_ends_at_that_comment(page, imported):
    comment = a_comment_on_a_later_page()
    page.goto(f"{PERMALINK}#comment-{comment.imported_id}")
    page.wait_for_url(re.compile(rf"/articles/{GUIDE_SLUG}/\?comments-page=\d+#comment-{comment.pk}$"))
    assert page.url.endswith(comment.get_absolute_url())
    expect(page.locator(f"#comment-{comment.pk}")).to_be_in_viewport()


def test_without_javascript_the_reader_still_lands_on_the_article(open_page, imported):
    comment = a_comment_on_a_later_page()
    page = open_page(java_script_enabled=False)
    page.goto(f"{PERMALINK}#comment-{comment.imported_id}")
    assert page.url.endswith(f"/articles/{GUIDE_SLUG}/?from=wordpress#comment-{comment.imported_id}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
