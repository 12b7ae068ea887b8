"""How many comments wait, in the admin's header on every page, for those who may moderate."""

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.conftest import QUEUE

OTHER_ADMIN_PAGES = [reverse("admin:password_change"), QUEUE, reverse("admin:app_list", args=["comments"])]


@pytest.mark.parametrize("url", OTHER_ADMIN_PAGES)
def test_a_moderator_sees_the_pending_count_on_every_admin_page(client, moderator, guide, make_comment, url):
    for _ in range(3):
        make_comment(guide, status=Comment.Status.PENDING)
    make_comment(guide, status=Comment.Status.APPROVED)
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert f'<a class="pending-comments" href="{QUEUE}">3 comments awaiting moderation</a>' in html


def test_one_waiting_comment_is_said_in_the_singular(client, moderator, guide, make_comment):
    make_comment(guide, status=Comment.Status.PENDING)
    client.force_login(moderator)
    assert "1 comment awaiting moderation" in client.get(reverse("admin:password_change")).content.decode()


def test_staff_who_may_not_moderate_see_no_count(editor_client, guide, make_comment):
    make_comment(guide, status=Comment.Status.PENDING)
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "awaiting moderation" not in html
