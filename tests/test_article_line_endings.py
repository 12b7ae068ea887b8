"""A browser sends a textarea's line breaks as CR LF: saving an untouched Markdown field changes nothing."""

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Section
from tests.admin_forms import shown_form_data


def save_as_a_browser_sends_it(client, article):
    """The change form posted back untouched, every line break as the browser sends it (CR LF)."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = shown_form_data(client.get(url))
    sent = {name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()}
    return client.post(url, sent | {"_continue": "1"}, follow=True)


def test_an_untouched_section_is_not_reported_changed_nor_stored_with_cr(editor_client, guide):
    assert any("\n" in section.body for section in guide.sections.all())
    response = save_as_a_browser_sends_it(editor_client, guide)
    assert response.status_code == 200
    entry = LogEntry.objects.filter(object_id=str(guide.pk)).latest("action_time")
    assert "section" not in entry.get_change_message(), entry.get_change_message()
    assert not Section.objects.filter(article=guide, body__contains="\r").exists()
