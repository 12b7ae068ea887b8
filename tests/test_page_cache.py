"""The article body is rendered once and cached for every reader; every edit shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Section
from comments.models import Comment
from comments.threads import unapproved_token
from tests.admin_forms import article_form


def html_of(article, client=None) -> str:
    return (client or Client()).get(article.get_absolute_url()).content.decode()


def personal_client() -> Client:
    """A reader whose page is rendered for them (one of the site's cookies): the fragments are cached."""
    client = Client()
    client.cookies["comment_author"] = '{"name": "Ann"}'
    return client


def test_a_cached_body_costs_no_query_for_the_parts(guide, django_assert_max_num_queries):
    client = personal_client()
    client.get(guide.get_absolute_url())  # renders and caches the body
    # The article; then the comments: count, threads page count, threads (no replies query without threads).
    with django_assert_max_num_queries(4):
        response = client.get(guide.get_absolute_url())
    assert "Frequently Asked Questions" in response.content.decode()


def test_editing_a_section_shows_at_once(guide):
    html_of(guide)
    section = guide.sections.get(heading="Understanding Ketamine")
    section.body = "Freshly **edited**."
    section.save()
    assert "Freshly <strong>edited</strong>." in html_of(guide)


def test_deleting_a_faq_entry_shows_at_once(guide):
    html_of(guide)
    guide.faqs.get(question="Is ketamine infusion safe?").delete()
    assert "Is ketamine infusion safe?" not in html_of(guide)


def test_renaming_a_person_shows_at_once(guide):
    html_of(guide)
    author = guide.author
    author.name = "The renamed team"
    author.save()
    assert "The renamed team" in html_of(guide)


def test_a_new_related_article_shows_at_once(guide, make_article):
    html_of(guide)
    guide.related_articles.add(make_article(title="A neighbour"))
    assert "A neighbour" in html_of(guide)


def test_an_admin_save_shows_at_once(editor_client, guide):
    html_of(guide)
    editor_client.post(reverse("admin:articles_article_add"), article_form())
    new = Article.objects.get(slug="ketamine-and-migraine")
    assert "Is it approved for migraine?" in html_of(new)
    Section.objects.filter(article=new).delete()
    assert "What the studies say" not in html_of(new)


def test_comments_are_never_served_stale(guide, make_comment):
    html_of(guide)
    comment = make_comment(guide, status=Comment.Status.PENDING, body="Just approved.")
    assert "Just approved." not in html_of(guide)
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Just approved." in html_of(guide)


def test_an_unchanged_page_answers_304_to_a_browser_that_has_it(guide, django_assert_max_num_queries):
    client = personal_client()
    first = client.get(guide.get_absolute_url())
    with django_assert_max_num_queries(1):  # the article, and nothing is rendered
        again = client.get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_an_edit_gives_a_new_page_not_a_304(guide):
    client = Client()
    first = client.get(guide.get_absolute_url())
    section = guide.sections.first()
    section.body = "Changed."
    section.save()
    assert client.get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_approving_a_comment_gives_a_new_page(guide, make_comment, moderator):
    comment = make_comment(guide, status=Comment.Status.PENDING)
    reader = Client()
    first = reader.get(guide.get_absolute_url())
    staff = Client()
    staff.force_login(moderator)
    staff.post(
        reverse("admin:comments_comment_changelist") + "?status=pending",
        {"action": "approve", "_selected_action": [comment.pk], "index": "0"},
    )
    assert reader.get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_each_reader_and_each_remembered_author_has_their_own_etag(guide, editor):
    anonymous = Client().get(guide.get_absolute_url())["ETag"]
    staff = Client()
    staff.force_login(editor)
    assert staff.get(guide.get_absolute_url())["ETag"] != anonymous
    remembered = Client()
    remembered.cookies["comment_author"] = '{"name": "Ann"}'
    assert remembered.get(guide.get_absolute_url())["ETag"] != anonymous


def test_a_cached_comment_list_costs_no_query_and_changes_with_moderation(guide, make_comment):
    comment = make_comment(guide, body="First words.")
    client = personal_client()
    client.get(guide.get_absolute_url())
    with CaptureQueriesContext(connection) as warm:
        html = client.get(guide.get_absolute_url()).content.decode()
    assert "First words." in html
    assert len(warm.captured_queries) == 0  # the frame (article and body) and the comment list come from the cache
    comment.status = Comment.Status.REMOVED
    comment.save()
    assert "First words." not in client.get(guide.get_absolute_url()).content.decode()


def test_personal_views_of_the_comments_are_not_shared(guide, make_comment):
    waiting = make_comment(guide, status=Comment.Status.PENDING, body="Mine alone.")
    assert (
        "Mine alone."
        in Client().get(guide.get_absolute_url(), {"unapproved": unapproved_token(waiting)}).content.decode()
    )
    assert "Mine alone." not in Client().get(guide.get_absolute_url()).content.decode()
    approved = make_comment(guide, name="Ann")
    reply_view = Client().get(guide.get_absolute_url(), {"replytocom": approved.pk}).content.decode()
    assert "Reply to Ann" in reply_view
    assert "Reply to Ann" not in Client().get(guide.get_absolute_url()).content.decode()


@pytest.mark.parametrize("sent", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
@pytest.mark.parametrize("reader", [Client, personal_client], ids=["shared", "personal"])
def test_if_none_match_compares_weakly_and_accepts_lists(guide, sent, reader):
    first = reader().get(guide.get_absolute_url())
    opaque = first["ETag"].removeprefix("W/")
    response = reader().get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH=sent.format(etag=opaque))
    assert response.status_code == 304


def test_a_stranger_etag_gets_the_page(guide):
    assert Client().get(guide.get_absolute_url(), HTTP_IF_NONE_MATCH='"not-this-page"').status_code == 200
