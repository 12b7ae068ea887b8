"""Own comment, own words: its author edits or deletes a comment for 15 minutes, from the browser that posted it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments import remembered_author, services
from comments.models import Comment, DiscussionSettings
from tests.conftest import post_comment

FIRST_TEXT = "The first infusion left me tired for a day."
NEW_TEXT = "The first infusion left me tired for two days, not one."
CONTROLS = "You can change this for"


def edit_url(comment):
    return reverse("comments:edit", kwargs={"slug": comment.article.slug, "pk": comment.pk})


def delete_url(comment):
    return reverse("comments:delete", kwargs={"slug": comment.article.slug, "pk": comment.pk})


def page(client, article, **query) -> str:
    return client.get(article.get_absolute_url(), query).content.decode()


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def author(guide, clock):
    """The browser that posted a comment a moderator then published."""
    client = Client()
    assert post_comment(client, guide, body=FIRST_TEXT).status_code == 302
    services.set_status(Comment.objects.all(), Comment.Status.APPROVED)
    return client


@pytest.fixture
def comment(author):
    return Comment.objects.get()


def test_the_author_sees_edit_and_delete_with_the_time_left(author, guide, comment, clock):
    clock.shift(timedelta(minutes=3, seconds=10))
    html = page(author, guide)
    assert "You can change this for 12 more minutes." in html
    assert f'href="{edit_url(comment)}"' in html
    assert f'href="{delete_url(comment)}"' in html


def test_no_other_reader_ever_gets_the_controls(author, guide, comment):
    """Before and after the author's page is made, from the shared page and from another personal one."""
    before = page(Client(), guide)
    author_page = page(author, guide)
    shared_after = page(Client(), guide)
    with_another_cookie = Client()
    with_another_cookie.cookies["comment_author"] = '{"name": "Ben"}'  # personal, but not the author's
    personal = page(with_another_cookie, guide)
    assert CONTROLS in author_page
    for html in (before, shared_after, personal):
        assert FIRST_TEXT in html
        assert CONTROLS not in html
        assert edit_url(comment) not in html


def test_the_edit_form_is_prefilled_with_the_comment(author, comment):
    response = author.get(edit_url(comment))
    assert response.status_code == 200
    assert FIRST_TEXT in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_edit_within_the_window_is_what_every_reader_sees_at_once(author, guide, comment, clock):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"auto_approve_known_authors": True})
    assert FIRST_TEXT in page(Client(), guide)  # the shared page is kept now
    clock.shift(timedelta(minutes=14))
    response = author.post(edit_url(comment), {"body": NEW_TEXT})
    assert response.status_code == 302
    shared = page(Client(), guide)
    assert NEW_TEXT in shared
    assert FIRST_TEXT not in shared
    assert CONTROLS in page(author, guide)  # the cookie follows the new text


def test_an_edit_after_the_window_is_refused_and_the_text_kept(author, guide, comment, clock):
    clock.shift(timedelta(minutes=15, seconds=1))
    assert CONTROLS not in page(author, guide)
    response = author.post(edit_url(comment), {"body": NEW_TEXT})
    html = response.content.decode()
    assert response.status_code == 403
    assert "for 15 minutes after posting it" in html
    assert NEW_TEXT in html  # nothing lost
    comment.refresh_from_db()
    assert comment.body == FIRST_TEXT


def test_a_delete_after_the_window_is_refused(author, comment, clock):
    clock.shift(timedelta(minutes=16))
    assert author.post(delete_url(comment)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_another_browser_cannot_edit_or_delete(author, comment):
    stranger = Client()
    assert stranger.get(edit_url(comment)).status_code == 403
    assert stranger.post(edit_url(comment), {"body": NEW_TEXT}).status_code == 403
    assert stranger.post(delete_url(comment)).status_code == 403
    comment.refresh_from_db()
    assert (comment.body, comment.status) == (FIRST_TEXT, Comment.Status.APPROVED)


def test_a_tampered_cookie_is_refused(author, comment):
    forger = Client()
    genuine = author.cookies[remembered_author.OWN_COOKIE_NAME].value
    forger.cookies[remembered_author.OWN_COOKIE_NAME] = genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB")
    assert forger.post(edit_url(comment), {"body": NEW_TEXT}).status_code == 403
    unsigned = Client()
    unsigned.cookies[remembered_author.OWN_COOKIE_NAME] = f'[[{comment.pk}, "x"]]'
    assert unsigned.post(delete_url(comment)).status_code == 403


def test_a_cookie_for_another_comment_does_not_reach_this_one(author, guide, comment):
    other = Client()
    post_comment(other, guide, body="My own, different comment.", email="ben@example.com", name="Ben")
    assert other.post(edit_url(comment), {"body": NEW_TEXT}).status_code == 403
    assert other.post(delete_url(comment)).status_code == 403


def test_a_comment_a_moderator_edited_is_no_longer_the_authors_to_change(author, guide, comment):
    comment.body = "Edited by a moderator: no product names."
    comment.save()
    assert CONTROLS not in page(author, guide)
    assert author.post(edit_url(comment), {"body": NEW_TEXT}).status_code == 403


def test_where_every_comment_waits_an_edited_one_waits_again(author, guide, comment):
    """The site's default rules hold every comment for a moderator: an edit too, so readers never see unvetted text."""
    author.post(edit_url(comment), {"body": NEW_TEXT})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    shared = page(Client(), guide)
    assert FIRST_TEXT not in shared
    assert NEW_TEXT not in shared


def test_a_link_heavy_edit_is_held_and_leaves_other_readers_pages(author, guide, comment):
    assert FIRST_TEXT in page(Client(), guide)
    held = "Buy here https://a.example and https://b.example"
    response = author.post(edit_url(comment), {"body": held})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "Has 2 links" in comment.status_reason
    shared = page(Client(), guide)
    assert FIRST_TEXT not in shared
    assert "a.example" not in shared
    # Its author, sent back with their own link, sees it waiting.
    own = author.get(response["Location"]).content.decode()
    assert "a.example" in own
    assert "Your comment is awaiting moderation." in own


def test_an_edit_the_rules_refuse_keeps_the_text(author, comment):
    response = author.post(edit_url(comment), {"body": "x" * 5001})
    assert response.status_code == 400
    assert "x" * 5001 in response.content.decode()


def test_an_empty_edit_says_the_comment_is_required(author, comment):
    response = author.post(edit_url(comment), {})
    assert response.status_code == 400
    assert "Comment: This field is required." in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == FIRST_TEXT


def test_a_delete_asks_first_then_removes_it_from_every_reader(author, guide, comment):
    confirm = author.get(delete_url(comment))
    assert confirm.status_code == 200
    assert "Delete your comment" in confirm.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED  # a GET changes nothing
    assert FIRST_TEXT in page(Client(), guide)
    response = author.post(delete_url(comment))
    assert response.status_code == 200
    assert "Your comment was deleted" in response.content.decode()
    for client in (Client(), author):
        assert FIRST_TEXT not in page(client, guide)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.WITHDRAWN


def test_moderators_find_it_as_removed_by_author(author, comment, moderator_client):
    author.post(delete_url(comment))
    queue = moderator_client.get(reverse("admin:comments_comment_changelist"), {"status": "withdrawn"})
    html = queue.content.decode()
    assert "Removed by author" in html
    assert FIRST_TEXT in html


def test_a_comment_with_a_published_reply_cannot_be_deleted(author, guide, comment, make_comment):
    make_comment(guide, parent=comment, body="I had the same, it passed.")
    response = author.post(delete_url(comment))
    assert response.status_code == 409
    assert "has a published reply" in response.content.decode()
    assert FIRST_TEXT in page(Client(), guide)


def test_a_comment_named_under_another_article_is_404(author, comment, make_article):
    other = make_article(slug="another-article")
    url = reverse("comments:edit", kwargs={"slug": other.slug, "pk": comment.pk})
    assert author.get(url).status_code == 404
    assert author.get(f"/articles/{comment.article.slug}/comments/99999999999999999999/edit/").status_code == 404


def test_the_shared_page_costs_what_it_did_and_the_authors_page_what_a_reply_forms_page_does(
    author, guide, comment, django_assert_max_num_queries, django_assert_num_queries
):
    Client().get(guide.get_absolute_url())
    with django_assert_num_queries(0):  # the shared page, kept: the controls cost it nothing
        Client().get(guide.get_absolute_url())
    another = Client()
    another.cookies["comment_author"] = '{"name": "Ben"}'
    another.get(guide.get_absolute_url())
    with CaptureQueriesContext(connection) as replying:  # the comment replied to, then the list joined
        another.get(guide.get_absolute_url(), {"replytocom": comment.pk})
    most = len(replying.captured_queries)  # read now: the next capture starts the log again
    author.get(guide.get_absolute_url())
    with django_assert_max_num_queries(most):  # the author's comments, then the list
        assert CONTROLS in page(author, guide)


def test_a_signed_cookie_older_than_the_window_is_refused(author, comment, clock):
    """Even with a fresh comment time: the signature's own age bounds a kept cookie."""
    old = signing.dumps([[comment.pk, remembered_author.text_hash(comment.body)]], salt=remembered_author.OWN_SALT)
    keeper = Client()
    keeper.cookies[remembered_author.OWN_COOKIE_NAME] = old
    clock.shift(timedelta(minutes=16))
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now())
    assert keeper.post(edit_url(comment), {"body": NEW_TEXT}).status_code == 403


def test_moderators_are_told_once_of_an_edit_the_rules_hold(
    author, comment, moderator, django_capture_on_commit_callbacks
):
    held = "Buy here https://a.example and https://b.example"
    with django_capture_on_commit_callbacks(execute=True):
        author.post(edit_url(comment), {"body": held})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@example.com"]
    assert "https://a.example" in mail.outbox[0].body


def test_after_deleting_the_author_may_post_the_same_text_again(author, guide, comment):
    author.post(delete_url(comment))
    response = post_comment(author, guide, body=FIRST_TEXT)
    assert response.status_code == 302
    assert Comment.objects.count() == 2
