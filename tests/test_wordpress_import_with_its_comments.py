"""The whole import of the real export, articles and comments together, as a site owner runs it:
into an empty site and into one that already has the seed guide; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from comments.models import MAX_DEPTH, Comment
from tests.wordpress_export import FIXTURE, GUIDE_SLUG


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_wordpress", str(FIXTURE), *args, stdout=out)
    return out.getvalue()


def statuses_of(article) -> dict[str, int]:
    comments = Comment.objects.filter(article=article)
    return {status: comments.filter(status=status).count() for status in Comment.Status.values}


@pytest.mark.django_db
def test_the_export_arrives_with_every_comment_of_the_guide_in_its_place(smtp_inbox):
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    counts = statuses_of(guide)
    assert (counts["approved"], counts["pending"], counts["removed"], counts["spam"]) == (208, 1, 1, 0)
    assert max(Comment.objects.values_list("depth", flat=True)) <= MAX_DEPTH
    for reply in Comment.objects.filter(parent__isnull=False).select_related("parent"):
        assert reply.parent.article_id == reply.article_id and reply.depth == reply.parent.depth + 1
    assert smtp_inbox.messages == []  # imported comments are not news to anyone
    page = Client().get(guide.get_absolute_url()).content.decode()
    assert '<h2 id="comments-heading">208 Comments</h2>' in page


@pytest.mark.django_db
def test_a_second_run_of_the_same_export_changes_nothing():
    run_import()
    before = list(Comment.objects.order_by("pk").values_list("pk", "status", "body", "parent_id"))
    articles = list(Article.objects.order_by("pk").values_list("pk", "slug", "status"))
    run_import()
    assert list(Comment.objects.order_by("pk").values_list("pk", "status", "body", "parent_id")) == before
    assert list(Article.objects.order_by("pk").values_list("pk", "slug", "status")) == articles


def test_into_a_site_with_the_seed_guide_the_comments_join_the_guide_it_has(guide):
    run_import("--attach-to-existing")
    assert Article.objects.filter(slug=GUIDE_SLUG).count() == 1
    assert statuses_of(guide)["approved"] == 208


@pytest.mark.django_db
def test_a_dry_run_writes_no_comment():
    summary = run_import("--dry-run")
    assert not Comment.objects.exists() and not Article.objects.exists()
    assert summary  # it says what it would have done


@pytest.mark.django_db
def test_the_summary_counts_the_new_comments_and_lists_the_new_articles():
    """A real site brings thousands of comments: the summary counts them and still names each article."""
    summary = run_import()
    created = summary.split("\nUpdated:", 1)[0]
    assert f"{Comment.objects.count()} × comment" in created
    assert "comment “" not in created
    assert "article “What Is Ketamine Infusion Used For”" in created
