"""Editors' admin: one page to write an article with its takeaways, sections and FAQ."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import ADD, article_form

CHANGELIST = reverse("admin:articles_article_changelist")


def test_changelist_lists_filters_and_searches(editor_client, guide, make_article):
    make_article(title="A draft about sleep", status=Article.Status.DRAFT)
    html = editor_client.get(CHANGELIST).content.decode()
    assert "What Is Ketamine Infusion Used For" in html and "A draft about sleep" in html
    drafts = editor_client.get(CHANGELIST, {"status__exact": "draft"}).content.decode()
    assert "A draft about sleep" in drafts and "What Is Ketamine Infusion Used For" not in drafts
    found = editor_client.get(CHANGELIST, {"q": "sleep"}).content.decode()
    assert "A draft about sleep" in found and "What Is Ketamine Infusion Used For" not in found


def test_change_page_has_markdown_editors_and_the_rows_script(editor_client, guide):
    html = editor_client.get(reverse("admin:articles_article_change", args=[guide.pk])).content.decode()
    # introduction, closing, 6 section bodies, 7 FAQ answers, and the two empty-form templates
    assert html.count('class="markdownx"') == 2 + 6 + 7 + 2
    assert 'data-markdownx-urls-path="/editor/markdownify/"' in html
    assert "articles/admin/markdownx-rows.js" in html
    assert "prepopulated_fields" in html or "data-prepopulated-field" in html or "prepopulate" in html


def test_editor_saves_an_article_with_all_its_parts(editor_client, client):
    response = editor_client.post(ADD, article_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="ketamine-and-migraine")
    assert [s.anchor for s in article.sections.all()] == ["what-the-studies-say", "small-trials"]
    assert [s.order for s in article.sections.all()] == [1, 2]
    assert article.sections.first().body_html == "<p>Some <strong>evidence</strong>.</p>"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Is it approved for migraine?" in page
    assert '<a href="#small-trials">Small trials</a>' in page


def test_two_sections_with_the_same_anchor_get_a_message_not_a_500(editor_client):
    form = article_form(**{"sections-1-heading": "What the studies say", "sections-1-level": "2"})
    response = editor_client.post(ADD, form)
    assert response.status_code == 200
    assert "Please correct the duplicate data for anchor" in response.content.decode()
    assert not Article.objects.exists()


def test_a_reserved_anchor_gets_a_message(editor_client):
    response = editor_client.post(ADD, article_form(**{"sections-0-anchor": "faq"}))
    assert response.status_code == 200
    assert "is used by the page itself" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("slug", "not a slug!", "Enter a valid “slug”"),
        ("published_at_0", "31/31/2026", "Enter a valid date."),
        ("sections-0-level", "9", "Select a valid choice."),
    ],
)
def test_bad_admin_input_gets_a_message_and_saves_nothing(editor_client, field, value, message):
    response = editor_client.post(ADD, article_form(**{field: value, "published_at_1": "10:00"}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_duplicate_slug_gets_a_message(editor_client, guide):
    response = editor_client.post(ADD, article_form(slug=guide.slug))
    assert response.status_code == 200
    assert "Article with this Address already exists." in response.content.decode()


def test_the_change_form_links_a_drafts_preview_and_a_published_articles_page(editor_client, make_article):
    draft, live = make_article(status=Article.Status.DRAFT), make_article()
    for article, label in ((draft, "Preview"), (live, "View")):
        html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
        assert f'<a href="{article.get_absolute_url()}" class="viewsitelink">{label}</a>' in html
    assert editor_client.get(draft.get_absolute_url()).status_code == 200


def test_list_shows_draft_scheduled_and_published_with_filters(editor_client, make_article):
    make_article(title="Draft one", status=Article.Status.DRAFT)
    make_article(title="Scheduled one", published_at=timezone.now() + timedelta(days=2))
    make_article(title="Live one")
    html = editor_client.get(CHANGELIST).content.decode()
    for state in ("Draft", "Scheduled", "Published"):
        assert f'<td class="field-state">{state}</td>' in html
    assert ">Preview</a>" in html and ">View</a>" in html
    for state, title in (("draft", "Draft one"), ("scheduled", "Scheduled one"), ("published", "Live one")):
        filtered = editor_client.get(CHANGELIST, {"state": state}).content.decode()
        assert title in filtered
        assert sum(other in filtered for other in ("Draft one", "Scheduled one", "Live one")) == 1


def test_saving_in_the_admin_records_who_edited(editor_client, editor):
    editor_client.post(ADD, article_form())
    assert Article.objects.get().updated_by == editor
    assert " by editor" in editor_client.get(CHANGELIST).content.decode()


def test_bulk_publish_and_unpublish(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    live = make_article(title="Live")
    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk, live.pk], "index": "0"}, follow=True
    )
    assert "1 article published." in response.content.decode()
    draft.refresh_from_db()
    assert draft.publication_state() == Article.PublicationState.PUBLISHED and draft.published_at is not None
    response = editor_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [live.pk], "index": "0"}, follow=True
    )
    assert "1 article back to draft." in response.content.decode()
    assert Article.objects.get(pk=live.pk).status == Article.Status.DRAFT


def test_publish_actions_are_hidden_from_staff_who_may_only_view(client, staff_without_article_rights, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(staff_without_article_rights)
    html = client.get(CHANGELIST).content.decode()
    assert "Publish selected articles" not in html
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk], "index": "0"})
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_staff_without_rights_cannot_edit_articles(client, staff_without_article_rights, guide):
    client.force_login(staff_without_article_rights)
    response = client.post(reverse("admin:articles_article_change", args=[guide.pk]), article_form())
    assert response.status_code == 403
    guide.refresh_from_db()
    assert guide.title == "What Is Ketamine Infusion Used For"


def test_unpublish_records_the_edit_and_publish_reports_scheduled_ones(editor_client, make_article, editor):
    live = make_article(title="Live")
    before = live.updated_at
    changelist = reverse("admin:articles_article_changelist")
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [live.pk], "index": "0"})
    live.refresh_from_db()
    assert live.updated_at > before and live.updated_by == editor
    future = make_article(status=Article.Status.DRAFT, published_at=timezone.now() + timedelta(days=1))
    response = editor_client.post(
        changelist, {"action": "publish", "_selected_action": [future.pk], "index": "0"}, follow=True
    )
    assert "0 articles published. 1 scheduled: their publish time is still ahead." in response.content.decode()
