"""With "Save my name…" ticked, the author keeps seeing their waiting comment, and nobody else ever does."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.conftest import comment_form_data

WAITING = "Is it safe with my blood pressure pills?"
AWAITING = "Your comment is awaiting moderation."


def post(client, article, **overrides):
    return client.post(reverse("comments:post", kwargs={"slug": article.slug}), comment_form_data(article, **overrides))


@pytest.fixture
def author(guide):
    """A reader who posted with the consent box ticked; their comment waits for a moderator."""
    client = Client()
    assert post(client, guide, body=WAITING, remember="on").status_code == 302
    return client


def test_the_author_sees_their_waiting_comment_on_their_next_visit(author, guide):
    html = author.get(guide.get_absolute_url()).content.decode()  # the plain address, no signed link
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert f'id="comment-{comment.pk}"' in html
    assert WAITING in html
    assert AWAITING in html


def test_another_reader_never_sees_it_before_or_after_the_author(author, guide):
    before = Client().get(guide.get_absolute_url()).content.decode()  # fills the shared page cache
    author.get(guide.get_absolute_url())
    after = Client().get(guide.get_absolute_url()).content.decode()
    with_another_cookie = Client()
    with_another_cookie.cookies["analytics"] = "1"  # personal, but not theirs
    personal = with_another_cookie.get(guide.get_absolute_url()).content.decode()
    for html in (before, after, personal):
        assert WAITING not in html
        assert AWAITING not in html


def test_a_shared_page_cached_before_the_post_is_not_served_to_the_author(client, guide):
    Client().get(guide.get_absolute_url())
    Client().get(guide.get_absolute_url())  # from the cache now
    post(client, guide, body=WAITING, remember="on")
    assert WAITING in client.get(guide.get_absolute_url()).content.decode()


def test_all_their_waiting_comments_are_shown_and_each_new_one_is_added(author, guide):
    post(author, guide, body="And a second question.", remember="on")
    html = author.get(guide.get_absolute_url()).content.decode()
    assert WAITING in html
    assert "And a second question." in html
    assert html.count(AWAITING) == 2


def test_once_approved_it_shows_to_everyone_without_the_note(author, guide):
    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED
    comment.save()
    for client in (author, Client()):
        html = client.get(guide.get_absolute_url()).content.decode()
        assert WAITING in html
        assert AWAITING not in html


def test_a_removed_comment_is_no_longer_shown_to_its_author(author, guide):
    comment = Comment.objects.get()
    comment.status = Comment.Status.REMOVED
    comment.save()
    assert WAITING not in author.get(guide.get_absolute_url()).content.decode()


def test_posting_without_consent_forgets_the_waiting_comments(author, guide):
    post(author, guide, body="This time without the box.")
    assert WAITING not in author.get(guide.get_absolute_url()).content.decode()


def test_posting_it_again_is_refused_with_a_link_to_the_waiting_copy(guide):
    """Without the cookie (box not ticked) the author cannot see it: the refusal says where it is."""
    without_consent = Client()
    post(without_consent, guide, body=WAITING)
    response = post(without_consent, guide, body=WAITING)
    html = response.content.decode()
    assert response.status_code == 409
    assert "You have already sent this comment; it is awaiting moderation" in html
    link = html.split('">see your comment</a>')[0].rsplit('<a href="', 1)[1].replace("&amp;", "&")
    landing = without_consent.get(link).content.decode()
    assert WAITING in landing and AWAITING in landing
