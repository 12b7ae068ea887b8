"""Editors write site pages in the admin: Markdown with live preview, published from the form."""

import io

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import SitePage
from tests.conftest import STAFF_PASSWORD


def editor_in_group() -> Client:
    user = User.objects.create_user("page-editor", "", STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_writes_and_publishes_a_site_page_with_the_markdown_editor(db):
    client = editor_in_group()
    add = reverse("admin:articles_sitepage_add")
    form = client.get(add).content.decode()
    # The editor with live preview, as for an article's text, previewing as the page shows it.
    assert 'data-markdownx-urls-path="/editor/markdownify-site-page/"' in form
    response = client.post(
        add,
        {"title": "Accessibility", "slug": "accessibility", "body": "## Our aim\r\n\r\nReadable by *all*.",
         "is_published": "on", "footer_order": "5"},
    )  # fmt: skip
    assert response.status_code == 302
    page = Client().get("/accessibility/").content.decode()
    assert "<h2>Our aim</h2>" in page and "Readable by <em>all</em>." in page
    assert 'href="/accessibility/">Accessibility</a>' in page  # in the footer


def test_the_admin_refuses_an_address_the_site_already_uses(db):
    form = {"title": "Admin", "slug": "admin", "body": "Text.", "footer_order": "0"}
    response = editor_in_group().post(reverse("admin:articles_sitepage_add"), form)
    assert response.status_code == 200
    assert "The site already uses /admin/ for something else." in response.content.decode()
    assert not SitePage.objects.filter(slug="admin").exists()


def test_the_site_page_preview_keeps_headings_the_article_preview_drops(db):
    client = editor_in_group()
    assert (
        "<h2>Who we are</h2>"
        in client.post("/editor/markdownify-site-page/", {"content": "## Who we are"}).content.decode()
    )
    assert "<h2>" not in client.post("/editor/markdownify/", {"content": "## Who we are"}).content.decode()


def test_the_site_page_preview_answers_only_editors(db):
    assert Client().post("/editor/markdownify-site-page/", {"content": "x"}).status_code == 403
    assert editor_in_group().get("/editor/markdownify-site-page/").status_code == 405


def test_an_editor_sees_what_a_site_page_said_before_and_can_bring_it_back(db):
    call_command("load_guide", stdout=io.StringIO())
    client = editor_in_group()
    privacy = SitePage.objects.get(slug="privacy")
    change = reverse("admin:articles_sitepage_change", args=[privacy.pk])
    form = {
        "title": "Privacy",
        "slug": "privacy",
        "body": "We keep nothing.",
        "is_published": "on",
        "footer_order": "3",
    }
    assert client.post(change, form).status_code == 302
    assert "We keep nothing." in Client().get("/privacy/").content.decode()
    history = client.get(reverse("admin:articles_sitepage_history", args=[privacy.pk])).content.decode()
    assert "Loaded from its data file by load_guide." in history
    first = Version.objects.get_for_object(privacy).order_by("pk").first()
    revert = reverse("admin:articles_sitepage_revision", args=[privacy.pk, first.pk])
    assert client.post(revert, form | {"body": first.field_dict["body"]}).status_code == 302
    page = Client().get("/privacy/").content.decode()
    assert "We keep nothing." not in page and "comment_author" in page
