"""Comparing two revisions shows what an editor changed, field by field, parts included."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from tests.admin_forms import shown_form_data

INTRODUCTION = "First paragraph stays.\n\nSecond paragraph, old wording.\n\nThird <b>paragraph</b> stays."


@pytest.fixture
def edited_article(make_article, editor):
    """Revision 1 as created; revision 2 with a takeaway's text and one line of the introduction changed."""
    with reversion.create_revision():
        article = make_article(introduction=INTRODUCTION)
        reversion.set_user(editor)
    with reversion.create_revision():
        article.introduction = INTRODUCTION.replace("old wording", "new wording")
        article.save()
        takeaway = article.takeaways.get()
        takeaway.text = "A clearer sentence."
        takeaway.save()
        reversion.set_user(editor)
    return article


def compare_page(client, article) -> str:
    newer, older = Version.objects.get_for_object(article)
    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = client.get(url, {"version_id1": older.pk, "version_id2": newer.pk})
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_takeaway_shows_its_text_before_and_after(editor_client, edited_article):
    html = compare_page(editor_client, edited_article)
    assert "Top takeaway “Point 1”" in html
    assert "<del>- A sentence.</del>" in html
    assert "<ins>+ A <strong>clearer </strong>sentence.</ins>" in html
    assert "Point 1</del>" not in html  # the label did not change: it is not shown as removed


def test_a_markdown_field_shows_the_changed_line_only(editor_client, edited_article):
    html = compare_page(editor_client, edited_article)
    assert (
        "<del>- Second paragraph, <strong>old</strong> wording.</del>\n"
        "<ins>+ Second paragraph, <strong>new</strong> wording.</ins>"
    ) in html
    assert "  First paragraph stays.\n" in html
    assert "<del>- First paragraph stays." not in html
    assert "  Third &lt;b&gt;paragraph&lt;/b&gt; stays." in html  # Markdown is shown as typed, never run


def test_the_compare_page_shows_no_bookkeeping_noise(editor_client, edited_article):
    html = compare_page(editor_client, edited_article)
    for noise in ("time since that date", "not under reversion control", "add:", "Last edited", "<sup"):
        assert noise not in html


def test_the_compare_page_marks_the_current_revision(editor_client, edited_article):
    html = compare_page(editor_client, edited_article)
    older_row = html[html.index('<th scope="row">Older') : html.index('<th scope="row">Newer')]
    newer_row = html[html.index('<th scope="row">Newer') :]
    assert "(current)" not in older_row and "Restore this revision" in older_row
    assert newer_row.index("(current)") < newer_row.index("</tr>")


def test_the_history_labels_its_columns_and_marks_the_current_revision(editor_client, edited_article):
    url = reverse("admin:articles_article_history", args=[edited_article.pk])
    html = editor_client.get(url).content.decode()
    assert '<th scope="col">Compare: older</th>' in html and '<th scope="col">with newer</th>' in html
    rows = html[html.index("<tbody>") :].split("<tr>")[1:]
    assert "(current)" in rows[0] and "(current)" not in rows[1]


def test_the_compare_page_is_titled_with_the_articles_name_now_not_the_older_revisions(editor_client, edited_article):
    with reversion.create_revision():
        edited_article.title = "A newer title"
        edited_article.save()
    newer, _, oldest = Version.objects.get_for_object(edited_article)
    url = reverse("admin:articles_article_compare", args=[edited_article.pk])
    response = editor_client.get(url, {"version_id1": oldest.pk, "version_id2": newer.pk})
    assert "<h1>Compare revisions of “A newer title”</h1>" in response.content.decode()


def test_a_compare_address_with_no_such_article_is_404(editor_client, edited_article):
    for object_id in ("abc", "999999"):
        url = reverse("admin:articles_article_compare", args=[object_id])
        assert editor_client.get(url, {"version_id1": 1, "version_id2": 2}).status_code == 404


def test_saving_an_article_unchanged_in_its_publish_time_shows_no_publish_time_change(editor_client, make_article):
    """An article published without a time gets one on save; the admin's form shows it to the second,
    so saving that form again must not change it, nor list "Publish time" with the same line twice."""
    with reversion.create_revision():
        article = make_article(introduction=INTRODUCTION)  # status published, no publish time given
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = shown_form_data(editor_client.get(url), introduction=INTRODUCTION.replace("old wording", "new wording"))
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    html = compare_page(editor_client, article)
    assert "Second paragraph, <strong>new</strong> wording." in html
    assert "Publish time" not in html
