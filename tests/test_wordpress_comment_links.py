"""Old WordPress links to one comment (`<permalink>#comment-<WordPress id>`) reach that comment here.

The permalink's redirect says ?from=wordpress; only that page adds the script that sends the
fragment's WordPress id to /articles/<slug>/wordpress-comment/<id>/, which answers a redirect to
the imported comment's page and anchor, or to the article's comments when readers may not see it.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from comments.models import Comment, DiscussionSettings
from tests.wordpress_export import FIXTURE, GUIDE_SLUG

ARTICLE = f"/articles/{GUIDE_SLUG}/"
SCRIPT = re.compile(r'<script src="/static/comments/wordpress-comment-link\.js" defer></script>')


@pytest.fixture
def imported(db):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
    DiscussionSettings.get_solo()  # the settings row a live site has: get_solo's first call makes it


def imported_comment(**filters) -> Comment:
    return Comment.objects.filter(imported_id__isnull=False, **filters).order_by("imported_id").first()


def endpoint(wordpress_id, slug=GUIDE_SLUG) -> str:
    return f"/articles/{slug}/wordpress-comment/{wordpress_id}/"


def test_an_approved_comment_leads_to_its_anchor(client, imported, django_assert_max_num_queries):
    comment = imported_comment(article__slug=GUIDE_SLUG, status=Comment.Status.APPROVED, parent=None)
    with django_assert_max_num_queries(4):
        response = client.get(endpoint(comment.imported_id))
    assert response.status_code == 302
    assert response["Location"] == f"{ARTICLE}#comment-{comment.pk}"
    assert f'id="comment-{comment.pk}"' in client.get(ARTICLE).content.decode()


def test_a_comment_on_a_later_page_leads_to_that_page(client, imported, django_assert_max_num_queries):
    settings = DiscussionSettings.get_solo()
    settings.comments_per_page = 10
    settings.save()
    last = Comment.objects.shown().filter(article__slug=GUIDE_SLUG, imported_id__isnull=False).latest("created_at")
    roots = Comment.objects.filter(article=last.article, parent=None, status=Comment.Status.APPROVED).count()
    assert roots > 10  # the guide's threads fill several pages
    with django_assert_max_num_queries(5):
        response = client.get(endpoint(last.imported_id))
    assert response.status_code == 302
    page, anchor = re.fullmatch(rf"{ARTICLE}\?comments-page=(\d+)#comment-(\d+)", response["Location"]).groups()
    assert int(page) > 1 and anchor == str(last.pk)
    assert f'id="comment-{last.pk}"' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REMOVED])
def test_a_comment_readers_may_not_see_leads_to_the_comments_only(client, imported, status):
    hidden = imported_comment(article__slug=GUIDE_SLUG, status=status)
    assert hidden is not None  # the fixture has a pending and a trashed comment
    response = client.get(endpoint(hidden.imported_id))
    assert response.status_code == 302
    assert response["Location"] == f"{ARTICLE}#comments"


def test_a_spam_comment_or_a_reply_under_a_hidden_one_leads_to_the_comments_only(client, imported):
    reply = imported_comment(article__slug=GUIDE_SLUG, parent__isnull=False, status=Comment.Status.APPROVED)
    reply.parent.status = Comment.Status.SPAM
    reply.parent.save(update_fields=["status"])
    for comment in (reply, reply.parent):
        assert client.get(endpoint(comment.imported_id))["Location"] == f"{ARTICLE}#comments"


def test_an_unknown_id_or_another_articles_comment_leads_to_the_comments(client, imported):
    elsewhere = imported_comment(status=Comment.Status.APPROVED, article__slug="ketamine-for-crps")
    for wordpress_id in (elsewhere.imported_id, 999999, 0):
        response = client.get(endpoint(wordpress_id))
        assert response.status_code == 302
        assert response["Location"] == f"{ARTICLE}#comments"


@pytest.mark.parametrize("wordpress_id", ["abc", "9" * 19, "-1", "%C2%B2", "1.5", "1e3"])
def test_an_odd_id_is_a_404(client, imported, wordpress_id):
    assert client.get(endpoint(wordpress_id)).status_code == 404


def test_an_article_readers_may_not_see_is_a_404(client, imported):
    comment = imported_comment(article__slug=GUIDE_SLUG, status=Comment.Status.APPROVED)
    Article.objects.filter(slug=GUIDE_SLUG).update(status=Article.Status.DRAFT)
    assert client.get(endpoint(comment.imported_id)).status_code == 404
    assert client.get(endpoint(comment.imported_id, slug="no-such-article")).status_code == 404


def test_the_endpoint_only_reads(client, imported):
    assert client.post(endpoint(1)).status_code == 405


def test_only_a_page_an_old_address_led_to_has_the_script(client, imported):
    location = client.get(f"/2026/10/01/{GUIDE_SLUG}/")["Location"]
    assert SCRIPT.search(client.get(location).content.decode())
    for plain in (ARTICLE, f"{ARTICLE}?comments-page=2", f"{ARTICLE}?from=elsewhere"):
        assert not SCRIPT.search(client.get(plain).content.decode())


def test_a_page_with_the_marker_leaves_the_shared_page_alone(client, imported):
    """The marked page is the reader's own (private, never kept by nginx); the shared page never holds the script."""
    marked = client.get(f"{ARTICLE}?from=wordpress")
    assert "private" in marked["Cache-Control"]
    shared = client.get(ARTICLE)
    assert "public" in shared["Cache-Control"]
    assert not SCRIPT.search(shared.content.decode())
