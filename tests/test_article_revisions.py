"""Every save keeps a revision of the article with its parts: listed, compared, restored."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import ADD, article_form


@pytest.fixture
def revised_article(editor_client):
    """An article saved twice in the admin: first with one FAQ answer, then with another."""
    editor_client.post(ADD, article_form(**{"faqs-0-answer": "First answer."}))
    article = Article.objects.get()
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = article_form(**{"faqs-0-answer": "Second answer.", "title": "Renamed title"})
    for prefix, rows in (("takeaways", article.takeaways), ("sections", article.sections), ("faqs", article.faqs)):
        data[f"{prefix}-INITIAL_FORMS"] = str(rows.count())
        for number, row in enumerate(rows.all()):
            data[f"{prefix}-{number}-id"] = str(row.pk)
            data[f"{prefix}-{number}-article"] = str(article.pk)
    assert editor_client.post(change, data).status_code == 302
    return article


def test_each_admin_save_keeps_a_revision(revised_article):
    versions = Version.objects.get_for_object(revised_article)
    assert versions.count() == 2
    assert versions[1].field_dict["title"] == "Ketamine and migraine"


def test_the_loader_keeps_a_revision_too(guide):
    version = Version.objects.get_for_object(guide).get()
    assert version.revision.get_comment() == "Loaded from its data file by load_guide."


def test_history_lists_the_revisions(editor_client, revised_article):
    html = editor_client.get(reverse("admin:articles_article_history", args=[revised_article.pk])).content.decode()
    assert html.count("history/") >= 2


def test_two_revisions_can_be_compared(editor_client, revised_article):
    newer, older = Version.objects.get_for_object(revised_article)
    url = reverse("admin:articles_article_compare", args=[revised_article.pk])
    response = editor_client.get(url, {"version_id1": older.pk, "version_id2": newer.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ketamine and migraine" in html and "Renamed title" in html


def test_restoring_an_earlier_revision_brings_back_the_article_and_its_parts(revised_article):
    older = Version.objects.get_for_object(revised_article)[1]
    older.revision.revert(delete=True)
    revised_article.refresh_from_db()
    assert revised_article.title == "Ketamine and migraine"
    assert revised_article.faqs.get().answer == "First answer."


def test_the_admin_revision_page_shows_the_old_content(editor_client, revised_article):
    older = Version.objects.get_for_object(revised_article)[1]
    url = reverse("admin:articles_article_revision", args=[revised_article.pk, older.pk])
    html = editor_client.get(url).content.decode()
    assert "First answer." in html
    assert 'value="Ketamine and migraine"' in html


def test_a_revision_that_does_not_exist_is_404(editor_client, revised_article):
    url = reverse("admin:articles_article_revision", args=[revised_article.pk, 999999])
    assert editor_client.get(url).status_code == 404


def test_a_revision_address_with_no_such_article_is_404(editor_client, revised_article):
    version = Version.objects.get_for_object(revised_article).last()
    for object_id in ("abc", "999999"):
        url = reverse("admin:articles_article_revision", args=[object_id, version.pk])
        assert editor_client.get(url).status_code == 404
