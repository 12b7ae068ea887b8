"""Each comment's HTML is made when it is saved; pages join those fragments, whoever reads.

What a reader receives must not change because of it: the same comment, date, badge and
links, the awaiting mark for its author alone, and an edit or a decision shown at once.
"""

import json
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from comments.models import Comment, DiscussionSettings
from comments.services import set_status
from comments.threads import unapproved_token
from tests.conftest import comment_form_data

WAITING = "Is it safe with my blood pressure pills?"
AWAITING = "Your comment is awaiting moderation."
READERS = ["new reader", "remembered details", "author of a waiting comment", "replying"]


def reader(kind: str, article, reply_to: Comment) -> tuple[Client, dict]:
    """A browser of this kind of reader, and the query string of its page."""
    client = Client()
    if kind == "remembered details":
        client.cookies["comment_author"] = json.dumps({"name": "Ann", "email": "ann@example.com", "website": ""})
    if kind == "author of a waiting comment":
        address = reverse("comments:post", kwargs={"slug": article.slug})
        assert client.post(address, comment_form_data(article, body=WAITING, remember="on")).status_code == 302
    return client, {"replytocom": reply_to.pk} if kind == "replying" else {}


@pytest.mark.parametrize("kind", READERS)
def test_a_page_of_200_comments_costs_the_queries_of_a_page_of_one(
    guide, make_comment, kind, django_assert_max_num_queries
):
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 200
    rules.save()
    first = make_comment(guide, body="The first comment.")
    client, query = reader(kind, guide, reply_to=first)
    cache.clear()  # a cold page: nothing of it is cached
    with CaptureQueriesContext(connection) as one_comment:
        assert client.get(guide.get_absolute_url(), query).status_code == 200
    for number in range(100):
        make_comment(guide, parent=make_comment(guide, body=f"Top {number}."), body=f"Reply {number}.")

    cache.clear()
    with django_assert_max_num_queries(len(one_comment.captured_queries)):
        response = client.get(guide.get_absolute_url(), query)
    html = response.content.decode()
    assert '<h2 id="comments-heading">201 Comments</h2>' in html
    assert "Top 99." in html and "Reply 99." in html
    assert (WAITING in html) == (AWAITING in html) == (kind == "author of a waiting comment")
    assert ('<div class="comment-respond" id="respond">' in html.split("Top 0.")[0]) == (kind == "replying")


def test_a_page_renders_no_template_per_comment(guide, make_comment):
    for number in range(20):
        make_comment(guide, parent=make_comment(guide), body=f"Reply {number}.")
    response = Client().get(guide.get_absolute_url())
    assert "Reply 19." in response.content.decode()
    assert "comments/comment.html" not in [template.name for template in response.templates]


def test_the_awaiting_mark_goes_once_the_comment_is_approved(guide, make_comment):
    waiting = make_comment(guide, status=Comment.Status.PENDING, body="Mine.")
    authors_view = {"unapproved": unapproved_token(waiting)}
    html = Client().get(guide.get_absolute_url(), authors_view).content.decode()
    assert "Mine." in html and AWAITING in html
    assert f"replytocom={waiting.pk}" not in html
    set_status(Comment.objects.filter(pk=waiting.pk), Comment.Status.APPROVED)
    for query in (authors_view, {}):
        html = Client().get(guide.get_absolute_url(), query).content.decode()
        assert "Mine." in html
        assert AWAITING not in html
        assert f"replytocom={waiting.pk}#comment-{waiting.pk}" in html


def test_an_edit_of_the_text_or_name_shows_at_once_on_every_page(guide, make_comment):
    comment = make_comment(guide, name="Ann", body="Call *me* on 555 0100.")
    remembered = Client()
    remembered.cookies["comment_author"] = json.dumps({"name": "Bob"})
    for client in (Client(), remembered):
        assert "555 0100" in client.get(guide.get_absolute_url()).content.decode()
    comment.body = "Number removed by the editors."
    comment.name = "A. Reader"
    comment.website = "https://reader.example"
    comment.save()
    for client in (Client(), remembered):
        html = client.get(guide.get_absolute_url()).content.decode()
        assert "555 0100" not in html
        assert "Number removed by the editors." in html
        assert '<a href="https://reader.example" rel="nofollow ugc noopener">A. Reader</a>' in html
        assert 'Reply<span class="visually-hidden"> to A. Reader</span>' in html


def test_the_date_is_in_the_sites_time_zone_and_format_whoever_saved_it(guide, make_comment):
    with timezone.override("Pacific/Kiritimati"), translation.override("de"):
        make_comment(guide, created_at=datetime(2026, 5, 3, 23, 30, tzinfo=UTC))
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert '<time datetime="2026-05-03T23:30:00+00:00">3 May 2026, 23:30</time>' in html


def test_a_fragment_made_before_a_change_of_format_is_made_again(guide, make_comment):
    """A deploy that changes the comment template, the date format or the time zone: no stale page."""
    comment = make_comment(guide, body="Still here.")
    Comment.objects.filter(pk=comment.pk).update(html="<li>As the old template made it", html_version="older")
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "As the old template made it" not in html
    assert "Still here." in html
    assert "As the old template made it" not in Client().get(guide.get_absolute_url()).content.decode()


def test_names_and_addresses_are_escaped_in_every_part_of_a_comment(guide, make_comment):
    make_comment(guide, name='<b>"Ann"</b>', website='https://ann.example/?a=1&b="2"')
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "<b>" not in html.split('id="comments"')[1]
    assert "&lt;b&gt;&quot;Ann&quot;&lt;/b&gt;" in html
    assert "to &lt;b&gt;&quot;Ann&quot;&lt;/b&gt;</span></a>" in html
    assert 'href="https://ann.example/?a=1&amp;b=&quot;2&quot;"' in html


def test_the_reply_link_carries_the_article_and_the_page_of_threads(guide, make_comment, one_thread_per_page):
    make_comment(guide)
    second = make_comment(guide)
    html = Client().get(guide.get_absolute_url(), {"comments-page": 2}).content.decode()
    expected = f'href="{guide.get_absolute_url()}?comments-page=2&amp;replytocom={second.pk}#comment-{second.pk}"'
    assert expected in html
