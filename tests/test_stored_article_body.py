"""The article body is made when something it shows is saved, and a page only reads it.

Every test reads the page as a reader gets it; "personal" readers (one of the site's cookies)
get a page rendered for them on each request, so what they see is what is stored now.
"""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import markdown
import pytest
import reversion
import time_machine
from django.conf import settings as project_settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import page_cache
from articles.article_body import BODY_TEMPLATE, BODY_TEMPLATES, body_version
from articles.models import Article, Person, Reference
from tests.admin_forms import shown_form_data

# As `make bench` runs it (bench/settings.py): sessions stay where they are.
DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
EVERY_CACHE_OFF = {**project_settings.CACHES, "default": DUMMY_CACHE, "pages": DUMMY_CACHE}


def page_of(article) -> str:
    """The page as a reader with remembered details gets it: rendered for them, never a kept copy."""
    client = Client()
    client.cookies["comment_author"] = '{"name": "Ann"}'
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@contextmanager
def body_renders():
    """The names of the templates rendered inside the block that belong to the article body."""
    rendered = []

    def seen(sender, template, **kwargs):
        if template.name in BODY_TEMPLATES:
            rendered.append(template.name)

    template_rendered.connect(seen)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(seen)


def test_reading_a_page_never_renders_markdown_or_the_body_template(guide, make_comment, monkeypatch):
    make_comment(guide, body="A *reader's* words.")
    page_of(guide)  # comment fragments were made on save; nothing else is made on a first read either

    def fail(self, source):
        raise AssertionError("Markdown converted while reading a page")

    monkeypatch.setattr(markdown.Markdown, "convert", fail)
    with body_renders() as rendered:
        html = page_of(guide)
        shared = Client().get(guide.get_absolute_url()).content.decode()
    assert rendered == []
    assert "Understanding Ketamine" in html and "Understanding Ketamine" in shared


def edit_takeaway(article):
    takeaway = article.takeaways.first()
    takeaway.label = "New label"
    takeaway.save()
    return "<strong>New label:</strong>"


def edit_faq(article):
    faq = article.faqs.first()
    faq.answer = "A *new* answer."
    faq.save()
    return "A <em>new</em> answer."


def add_reference(article):
    Reference.objects.create(article=article, title="A new source", url="https://example.org/")
    return 'href="https://example.org/" rel="noopener">A new source</a>'


def rename_section(article):
    section = article.sections.first()
    section.heading = "Renamed part"
    section.save()  # the anchor stays: the table of contents links the new heading
    return f'href="#{section.anchor}">Renamed part</a>'


@pytest.mark.parametrize("edit", [edit_takeaway, edit_faq, add_reference, rename_section])
def test_an_edit_to_any_part_shows_at_once(guide, edit):
    page_of(guide)
    shown = edit(guide)
    assert shown in page_of(guide)


def test_a_deleted_part_goes_at_once(guide):
    question = guide.faqs.first().question
    page_of(guide)
    guide.faqs.first().delete()
    assert question not in page_of(guide)


def test_a_change_to_the_article_itself_shows_at_once(guide):
    page_of(guide)
    guide.introduction = "A *rewritten* introduction."
    guide.save()
    assert "A <em>rewritten</em> introduction." in page_of(guide)


@pytest.mark.parametrize("role", ["author", "medical_reviewer"])
def test_a_persons_new_name_and_credentials_show_on_their_articles(make_article, role):
    person = Person.objects.create(name="Dr Old", credentials="MD")
    article = make_article(**{role: person})
    assert ">Dr Old</a>, MD<" in page_of(article)
    person.name, person.credentials = "Dr New", "MD, PhD"
    person.save()
    assert ">Dr New</a>, MD, PhD<" in page_of(article)


def test_a_related_article_shows_once_published_and_goes_when_unpublished(make_article):
    article = make_article()
    neighbour = make_article(title="The neighbour", status=Article.Status.DRAFT)
    article.related_articles.add(neighbour)
    assert "The neighbour" not in page_of(article)
    neighbour.status = Article.Status.PUBLISHED
    neighbour.save()
    assert '">The neighbour</a>' in page_of(article)
    assert '">The neighbour</a>' in Client().get(article.get_absolute_url()).content.decode()
    neighbour.status = Article.Status.DRAFT
    neighbour.save()
    assert "The neighbour" not in page_of(article)
    assert "The neighbour" not in Client().get(article.get_absolute_url()).content.decode()


def test_a_scheduled_related_article_shows_when_its_time_comes_without_any_save(make_article):
    article = make_article()
    neighbour = make_article(title="The neighbour", published_at=timezone.now() + timedelta(hours=1))
    article.related_articles.add(neighbour)
    assert "The neighbour" not in page_of(article)
    # The clock passes its publish time: no row is saved, no signal sent. A page kept in this
    # clock slot may still show it without; the next slot's page shows the link.
    Article.objects.filter(pk=neighbour.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    with time_machine.travel(timezone.now() + timedelta(seconds=page_cache.TIMEOUT_SECONDS), tick=False):
        assert '">The neighbour</a>' in page_of(article)


def test_an_admin_save_makes_the_body_once_with_every_part(editor_client, guide):
    url = reverse("admin:articles_article_change", args=[guide.pk])
    data = shown_form_data(
        editor_client.get(url),
        **{"sections-0-body": "Edited in the *admin*.", "faqs-0-answer": "Edited too.", "takeaways-0-text": "Short."},
    )
    with body_renders() as rendered:
        assert editor_client.post(url, data).status_code == 302
    assert rendered.count(BODY_TEMPLATE) == 1
    html = page_of(guide)
    assert "Edited in the <em>admin</em>." in html and "Edited too." in html and "Short." in html


def test_loading_the_guide_makes_its_body_once_and_a_reset_makes_it_again(db):
    with body_renders() as rendered:
        call_command("load_guide", verbosity=0)
    assert rendered.count(BODY_TEMPLATE) == 1
    guide = Article.objects.get()
    section = guide.sections.first()
    section.body = "Changed by an editor."
    section.save()
    assert "Changed by an editor." in page_of(guide)
    call_command("load_guide", "--reset", verbosity=0)
    html = page_of(guide)
    assert "Changed by an editor." not in html and "Understanding Ketamine" in html


def test_restoring_a_revision_shows_its_parts_on_the_page(editor_client, make_article):
    article = make_article(faqs=1)
    with reversion.create_revision():
        article.save()
        article.faqs.get().save()
    faq = article.faqs.get()
    faq.answer = "A later answer."
    faq.save()
    assert "A later answer." in page_of(article)
    first = Version.objects.get_for_object(article).last()
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    with body_renders() as rendered:
        editor_client.post(url, shown_form_data(editor_client.get(url)))
    assert rendered.count(BODY_TEMPLATE) == 1
    html = page_of(article)
    assert "Answer 1." in html and "A later answer." not in html


def test_a_body_made_in_another_time_zone_is_made_again_once(make_article, settings, body_version_forgotten):
    article = make_article(published_at=datetime(2026, 5, 3, 14, 2, tzinfo=UTC))
    assert ">3 May 2026</time>" in page_of(article)
    settings.TIME_ZONE = "Pacific/Auckland"  # a deploy with another time zone: already 4 May there
    body_version.cache_clear()
    caches["pages"].clear()  # the deploy restarts the workers: each starts with no page kept
    with body_renders() as rendered:
        assert ">4 May 2026</time>" in page_of(article)
        assert ">4 May 2026</time>" in page_of(article)
    assert rendered.count(BODY_TEMPLATE) == 1


@override_settings(CACHES=EVERY_CACHE_OFF)
def test_a_page_with_every_cache_off_reads_the_body_in_one_query(guide, make_comment, django_assert_max_num_queries):
    """The article row holds its body: with 200 comments, 10 queries (14 when the parts were read)."""
    for number in range(100):
        top = make_comment(guide, body=f"Comment {number}.")
        make_comment(guide, parent=top, body="A reply.")
    related = Article.objects.create(
        title="A neighbour", slug="a-neighbour", summary="Next door.", introduction="Hi.", status="published"
    )
    guide.related_articles.add(related)
    Client().get(guide.get_absolute_url())  # the discussion rules' first read creates their row
    # The article; its published related articles; the site's name; the footer's site pages; the discussion
    # rules; the footer's site pages again, for the form's Privacy link (the comment section is rendered
    # apart from the frame: with the shared cache on, both are one cache read and no query); the comments (4).
    with django_assert_max_num_queries(10):
        html = Client().get(guide.get_absolute_url()).content.decode()
    assert "Understanding Ketamine" in html and '">A neighbour</a>' in html and "A reply." in html


@pytest.mark.parametrize("how", ["delete page", "bulk action"])
def test_deleting_an_article_in_the_admin_makes_no_body_for_it(editor_client, guide, make_article, how):
    neighbour = make_article(title="The neighbour")
    neighbour.related_articles.add(guide)
    assert "What Is Ketamine Infusion Used For</a>" in page_of(neighbour)
    with body_renders() as rendered:
        if how == "delete page":
            response = editor_client.post(reverse("admin:articles_article_delete", args=[guide.pk]), {"post": "yes"})
        else:
            changelist = reverse("admin:articles_article_changelist")
            data = {"action": "delete_selected", "_selected_action": [guide.pk], "post": "yes"}
            response = editor_client.post(changelist, data)
    assert response.status_code == 302
    assert rendered == []
    assert not Article.objects.filter(pk=guide.pk).exists()
    assert "What Is Ketamine Infusion Used For" not in page_of(neighbour)


def test_an_article_migrated_without_a_body_gets_it_on_its_first_read(make_article):
    """Migration 0010 adds the column empty: the first reader's page makes and stores the body."""
    article = make_article(title="Made on first read")
    Article.objects.filter(pk=article.pk).update(body_html="", body_html_version="")
    caches["pages"].clear()
    html = page_of(article)
    assert "Made on first read" in html and 'class="article"' in html
    stored = Article.objects.get(pk=article.pk)
    assert stored.body_html_version == body_version() and "Made on first read" in stored.body_html
