"""What a post does once, and what it leaves alone.

A post parses its comment's Markdown once: the moderation rules read the text as readers will
see it, and the same HTML is what readers get. A comment that waits changes no page but its
author's, so every other reader keeps the page they had (from the cache, or a 304). A
moderation decision changes the status alone and parses nothing again.
"""

import json
from unittest import mock

import markdown
import pytest
from django.test import Client
from django.urls import reverse

from articles.markdown import render_comment_markdown
from comments.models import Comment, DiscussionSettings
from comments.services import set_status
from tests.conftest import comment_form_data

TEXT = "Is **this** safe with my pills? The [leaflet](https://leaflet.example) says little."
SHOWN = "Is <strong>this</strong> safe"
REMEMBERED = json.dumps({"name": "Bo Reader", "email": "bo@example.com", "website": ""})


@pytest.fixture
def markdown_parses():
    """Every parse of Markdown, whoever asks for it: Python-Markdown's own convert(), counted."""
    with mock.patch.object(markdown.Markdown, "convert", autospec=True, side_effect=markdown.Markdown.convert) as parse:
        yield parse


def post(client, article, **fields):
    return client.post(reverse("comments:post", kwargs={"slug": article.slug}), comment_form_data(article, **fields))


def test_a_post_parses_its_markdown_once_and_its_author_sees_what_it_renders_to(client, guide, markdown_parses):
    response = post(client, guide, body=TEXT)
    assert response.status_code == 302
    assert markdown_parses.call_count == 1
    comment = Comment.objects.get()
    assert comment.body_html == render_comment_markdown(TEXT)  # the HTML passed on is the HTML made again
    page = client.get(response["Location"]).content.decode()
    assert SHOWN in page and 'href="https://leaflet.example" rel="nofollow ugc noopener"' in page


def test_the_rules_still_read_the_text_as_readers_will_see_it(client, guide):
    rules = DiscussionSettings.get_solo()
    rules.disallowed_words = "spam"
    rules.save()
    assert post(client, guide, body="Cheap &#115;p**am** here.").status_code == 302
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_waiting_comment_leaves_a_new_readers_page_where_it_was(guide, django_assert_max_num_queries):
    reader = Client()
    before = reader.get(guide.get_absolute_url())
    assert post(Client(), guide, body=TEXT).status_code == 302
    with django_assert_max_num_queries(0):  # still the page kept for everyone: not rendered again
        after = reader.get(guide.get_absolute_url())
    assert after.content == before.content and after["ETag"] == before["ETag"]


def test_a_waiting_comment_leaves_another_readers_own_page_unchanged(guide):
    reader = Client()
    reader.cookies["comment_author"] = REMEMBERED
    etag = reader.get(guide.get_absolute_url())["ETag"]
    assert post(Client(), guide, body=TEXT).status_code == 302
    assert reader.get(guide.get_absolute_url(), headers={"if-none-match": etag}).status_code == 304


def test_a_waiting_comment_shows_to_its_author_alone(guide):
    author = Client()
    assert post(author, guide, body=TEXT, remember="on").status_code == 302
    assert SHOWN in author.get(guide.get_absolute_url()).content.decode()
    assert SHOWN not in Client().get(guide.get_absolute_url()).content.decode()


def test_a_comment_published_at_once_shows_to_new_readers_at_once(guide, make_comment):
    make_comment(guide, name="Ann Reader", email="ann@example.com")
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    rules.save()
    reader = Client()
    assert SHOWN not in reader.get(guide.get_absolute_url()).content.decode()
    assert post(Client(), guide, body=TEXT).status_code == 302
    assert Comment.objects.get(body=TEXT).status == Comment.Status.APPROVED
    assert SHOWN in reader.get(guide.get_absolute_url()).content.decode()


def test_a_moderation_decision_parses_nothing_again_and_shows_the_comment(guide, make_comment, markdown_parses):
    waiting = make_comment(guide, status=Comment.Status.PENDING, body=TEXT)
    reader = Client()
    assert SHOWN not in reader.get(guide.get_absolute_url()).content.decode()
    markdown_parses.reset_mock()
    set_status(Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED)
    assert markdown_parses.call_count == 0
    page = reader.get(guide.get_absolute_url()).content.decode()
    assert SHOWN in page and f'id="comment-{waiting.pk}"' in page


def test_an_edit_of_the_text_in_the_admin_shows_the_new_text(guide, make_comment):
    comment = make_comment(guide, body=TEXT)
    comment.body = "Now *edited*."
    comment.save()
    page = Client().get(guide.get_absolute_url()).content.decode()
    assert "Now <em>edited</em>." in page and SHOWN not in page


def test_a_duplicate_with_the_address_in_other_letters_is_still_a_duplicate(client, guide):
    assert post(client, guide, body=TEXT).status_code == 302
    assert post(client, guide, body=TEXT, email="ANN@Example.COM").status_code == 409
    assert Comment.objects.count() == 1
