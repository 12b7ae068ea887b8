"""A moderator finds the comments imported from WordPress in the queue, and sees where each came from."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from comments.wordpress_comments import import_item_comments
from tests.browser.conftest import log_in
from tests.wordpress_export import GUIDE_POST_ID, SOURCE, Report, export_item

QUEUE = "/admin/comments/comment/"
FITS = """() => [document.documentElement, document.querySelector('#changelist-form .results')]
    .every(box => box.scrollWidth <= box.clientWidth)"""


@pytest.fixture
def moderator(live_server, moderator):
    return moderator


@pytest.mark.parametrize("width", [390, 1280])
def test_the_moderator_filters_the_queue_to_the_imported_comments(open_page, moderator, make_article, width):
    article = make_article(title="What Is Ketamine Infusion Used For")
    import_item_comments(
        export_item(GUIDE_POST_ID), article, source=SOURCE, user_map={}, report=Report(), dry_run=False
    )
    Comment.objects.create(article=article, name="Posted Here", email="here@example.com", body="Posted on this site.")
    page = log_in(open_page(viewport={"width": width, "height": 900}), moderator)
    page.goto(QUEUE)
    page.get_by_role("link", name="Imported from WordPress").click()
    waiting = page.locator("#result_list tbody tr", has_text="Still waiting for approval")
    expect(waiting).to_contain_text(f"Imported from {SOURCE} (comment 207)")
    expect(page.locator("#result_list")).not_to_contain_text("Posted on this site.")
    assert page.evaluate(FITS), f"the queue scrolls sideways at {width} px"
