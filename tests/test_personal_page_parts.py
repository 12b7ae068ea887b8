"""A personal page is the page's frame, rendered once for every reader, joined with a comment
section rendered for that reader alone: nothing of one reader reaches another, and an edit or a
moderation decision reaches every reader at once."""

import json

from django.test import Client

from comments.models import Comment
from comments.services import set_status


def remembering(name: str, email: str = "reader@example.com") -> Client:
    client = Client()
    client.cookies["comment_author"] = json.dumps({"name": name, "email": email, "website": ""})
    return client


def test_one_readers_remembered_details_never_reach_another_reader(guide):
    url = guide.get_absolute_url()
    alice = remembering("Alice Private", "alice@example.com").get(url).content.decode()
    assert 'value="Alice Private"' in alice and 'value="alice@example.com"' in alice
    for page in (remembering("Bob").get(url), Client().get(url), Client().get(url, {"comments-page": "1"})):
        html = page.content.decode()
        assert "Alice Private" not in html and "alice@example.com" not in html


def test_the_shared_page_is_the_same_bytes_for_two_new_readers_after_personal_pages(guide, make_comment):
    make_comment(guide, body="An approved comment.")
    url = guide.get_absolute_url()
    remembering("Alice Private").get(url)  # the frame is rendered for her and kept
    remembering("Bob Private").get(url, {"replytocom": "1"})
    first, second = Client().get(url), Client().get(url)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert b"Alice Private" not in first.content and b"Bob Private" not in first.content
    assert b"An approved comment." in first.content


def test_a_personal_page_with_its_frame_kept_costs_no_query(guide, make_comment, django_assert_max_num_queries):
    make_comment(guide, body="An approved comment.")
    url = guide.get_absolute_url()
    Client().get(url)  # a first reader renders the frame and the thread list
    reader = remembering("Ann Reader")
    with django_assert_max_num_queries(0):  # no Article query: the frame carries what the comments need
        html = reader.get(url).content.decode()
    assert 'value="Ann Reader"' in html and "An approved comment." in html
    assert guide.title in html


def test_a_readers_own_waiting_comment_and_reply_form_stay_theirs(guide, make_comment, django_assert_max_num_queries):
    comment = make_comment(guide, body="An approved comment.")
    url = guide.get_absolute_url()
    Client().get(url)
    with django_assert_max_num_queries(7):  # the comment replied to and their list of threads; no Article
        html = remembering("Ann Reader").get(url, {"replytocom": comment.pk}).content.decode()
    assert "Reply to Ann Reader" in html and f'name="parent" value="{comment.pk}"' in html
    assert "Reply to Ann Reader" not in Client().get(url).content.decode()


def test_an_edit_reaches_a_reader_whose_page_is_their_own_at_once(guide):
    reader = remembering("Ann Reader")
    url = guide.get_absolute_url()
    assert guide.title in reader.get(url).content.decode()
    guide.title = "A title edited just now"
    guide.save()
    html = reader.get(url).content.decode()
    assert "A title edited just now" in html and 'value="Ann Reader"' in html


def test_an_approval_reaches_a_reader_whose_page_is_their_own_at_once(guide, make_comment):
    waiting = make_comment(guide, body="Waiting for a moderator.", status=Comment.Status.PENDING)
    reader = remembering("Ann Reader")
    url = guide.get_absolute_url()
    assert "Waiting for a moderator." not in reader.get(url).content.decode()
    set_status(Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED)
    assert "Waiting for a moderator." in reader.get(url).content.decode()
    assert "Waiting for a moderator." in Client().get(url).content.decode()


def test_a_staff_preview_never_leaves_its_banner_in_a_readers_page(guide, editor):
    url = guide.get_absolute_url()
    guide.status = guide.Status.DRAFT
    guide.save()
    staff = Client()
    staff.force_login(editor)
    assert "Preview: not published." in staff.get(url).content.decode()
    guide.status = guide.Status.PUBLISHED
    guide.save()
    for reader in (remembering("Ann Reader"), Client()):
        assert "Preview: not published." not in reader.get(url).content.decode()
    assert "Preview: not published." not in staff.get(url).content.decode()
