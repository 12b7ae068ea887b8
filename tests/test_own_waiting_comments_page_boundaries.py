"""An author's own waiting threads take places on the pages that author sees: every page named
for a comment (after posting, by a Reply link) is counted as that author sees it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.conftest import post_comment


@pytest.fixture
def two_threads_per_page(db):
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 2
    rules.save()


@pytest.fixture
def author_with_an_earlier_waiting_thread(guide, make_comment, two_threads_per_page):
    """Threads A, the author's own waiting W, then B and C: the author sees pages [A, W] [B, C];
    everyone else [A, B] [C]."""
    start = timezone.now() - timedelta(hours=4)
    first = make_comment(guide, name="Alice", body="Thread A.")
    author = Client()
    assert post_comment(author, guide, body="My waiting thread W.", remember="on").status_code == 302
    waiting = Comment.objects.get(body="My waiting thread W.")
    assert waiting.status == Comment.Status.PENDING
    later = [make_comment(guide, name=name, body=f"Thread {name[0]}.") for name in ("Bob", "Carol")]
    for hours, comment in enumerate([first, waiting, *later]):  # the order they were written in
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(hours=hours))
    return author, first, waiting, later


def test_a_reply_link_opens_the_page_that_shows_the_comment_to_an_author_with_a_waiting_thread(
    guide, author_with_an_earlier_waiting_thread
):
    author, _, _, (bob, _) = author_with_an_earlier_waiting_thread
    html = author.get(f"{guide.get_absolute_url()}?replytocom={bob.pk}").content.decode()
    assert f'id="comment-{bob.pk}"' in html
    assert "Reply to Bob" in html
    # Another reader's Reply link to the same comment: it is on their first page.
    other = Client().get(f"{guide.get_absolute_url()}?replytocom={bob.pk}").content.decode()
    assert f'id="comment-{bob.pk}"' in other


def test_after_posting_the_author_lands_on_the_page_that_shows_their_new_comment(
    guide, author_with_an_earlier_waiting_thread
):
    author, *_ = author_with_an_earlier_waiting_thread
    response = post_comment(author, guide, body="My second thread N.", remember="on")
    new = Comment.objects.get(body="My second thread N.")
    # The author's pages: [A, W] [B, C] [N]; counted without W it would be page 2.
    assert "comments-page=3" in response["Location"]
    html = author.get(response["Location"]).content.decode()
    assert f'id="comment-{new.pk}"' in html
    assert "My second thread N." in html
