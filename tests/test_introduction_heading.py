"""The introduction has a heading of its own, like the takeaways, contents and FAQ: "Introduction"
in the seed, and editors may change it in the admin."""

from django.test import Client
from django.urls import reverse

from tests.admin_forms import shown_form_data


def test_the_guide_shows_the_seed_introduction_heading_above_its_introduction(guide):
    html = Client().get(guide.get_absolute_url()).content.decode()
    heading = html.index('<h2 id="introduction-heading">Introduction</h2>')
    assert heading < html.index("Ketamine infusion therapy has become a topic") < html.index('id="takeaways-heading"')


def test_an_editor_renames_the_introduction_heading_and_readers_see_it_at_once(guide, editor_client):
    reader = Client()
    reader.get(guide.get_absolute_url())  # the shared page is now kept
    url = reverse("admin:articles_article_change", args=[guide.pk])
    response = editor_client.post(url, shown_form_data(editor_client.get(url), introduction_heading="In short"))
    assert response.status_code == 302

    html = reader.get(guide.get_absolute_url()).content.decode()
    assert '<h2 id="introduction-heading">In short</h2>' in html
    assert ">Introduction</h2>" not in html
