"""The author of a possible-crisis comment lands on the crisis help, under their waiting comment, with a
kind word: not an error, not a refusal. It is theirs alone: no other reader, no shared page, and not
the comment once a moderator publishes it, ever shows it. It costs the author's page no query more
than an ordinary waiting comment, and other readers' pages nothing."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import CrisisHelp
from comments.models import Comment
from comments.services import set_status
from tests.conftest import post_comment

CRISIS_TEXT = "Some nights I feel there is no reason to live."
KIND_WORDS = (
    "Thank you for telling us. A person will read your comment soon. If you need someone now, please reach out:"
)
HELP_BOX = '<aside class="crisis-help comment-crisis-help"'


@pytest.fixture
def site_help(guide):
    """The site's own crisis help, as its editors wrote it."""
    crisis_help = CrisisHelp.get_solo()
    crisis_help.text = "Call the **Example Line** on 0800 000 000, day or night."
    crisis_help.save()
    return crisis_help


def test_the_author_lands_on_the_crisis_help_under_their_waiting_comment(guide, site_help):
    author = Client()
    response = post_comment(author, guide, body=CRISIS_TEXT)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert re.search(rf"\?unapproved=[^&#]+#comment-{comment.pk}-help$", response["Location"])
    landed = author.get(response["Location"])
    assert landed.status_code == 200
    html = landed.content.decode()
    box = html[html.index(HELP_BOX) : html.index("</aside>", html.index(HELP_BOX))]
    assert f'id="comment-{comment.pk}-help"' in box
    assert KIND_WORDS in box
    assert "<strong>Example Line</strong> on 0800 000 000, day or night." in box
    mine = html.index(f'id="comment-{comment.pk}"')
    assert mine < html.index("Your comment is awaiting moderation.") < html.index(HELP_BOX)


def test_an_author_who_asked_to_be_remembered_sees_it_again_on_their_next_visit(guide, site_help):
    author = Client()
    post_comment(author, guide, body=CRISIS_TEXT, remember="on")
    assert KIND_WORDS in author.get(guide.get_absolute_url()).content.decode()


def test_no_other_reader_and_no_shared_page_shows_it(guide, site_help):
    reader, remembered_reader = Client(), Client()
    post_comment(remembered_reader, guide, body="Thank you for this guide.", remember="on")
    shared_before = reader.get(guide.get_absolute_url()).content
    post_comment(Client(), guide, body=CRISIS_TEXT)
    for someone in (reader, remembered_reader, Client()):
        html = someone.get(guide.get_absolute_url()).content.decode()
        assert KIND_WORDS not in html and CRISIS_TEXT not in html
    assert reader.get(guide.get_absolute_url()).content == shared_before


def test_an_ordinary_waiting_comment_comes_with_no_crisis_help(guide, site_help):
    author = Client()
    response = post_comment(author, guide, body="Does the first infusion feel strange?")
    assert response["Location"].endswith(f"#comment-{Comment.objects.get().pk}")
    assert HELP_BOX not in author.get(response["Location"]).content.decode()


def test_once_published_the_comment_shows_without_the_help_to_everyone(guide, site_help):
    author = Client()
    landing = post_comment(author, guide, body=CRISIS_TEXT)["Location"]
    set_status(Comment.objects.all(), Comment.Status.APPROVED)
    for someone, address in ((author, landing), (Client(), guide.get_absolute_url())):
        html = someone.get(address).content.decode()
        assert CRISIS_TEXT in html
        assert KIND_WORDS not in html


def test_the_authors_page_costs_the_queries_of_an_ordinary_waiting_comments(
    guide, site_help, django_assert_max_num_queries
):
    ordinary, crisis = Client(), Client()
    ordinary_landing = post_comment(ordinary, guide, body="Does the first infusion feel strange?")["Location"]
    crisis_landing = post_comment(crisis, guide, body=CRISIS_TEXT, email="bo@example.com")["Location"]
    ordinary.get(ordinary_landing)  # the page's frame is kept: both pages below are assembled alike
    with CaptureQueriesContext(connection) as ordinary_page:
        ordinary.get(ordinary_landing)
    # django-solo keeps the crisis help in the shared cache (SOLO_CACHE): no query for it.
    with django_assert_max_num_queries(len(ordinary_page.captured_queries)):
        assert KIND_WORDS in crisis.get(crisis_landing).content.decode()
