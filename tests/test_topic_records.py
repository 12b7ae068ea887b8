"""Topics as records: the article links its topic, an edit of a topic shows at once, the guide and
the migration file articles under topics."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from articles import guide_loader
from articles.models import Topic
from tests.conftest import STAFF_PASSWORD

BEFORE = [("articles", "0010_s4_stored_body")]
AFTER = [("articles", "0011_i12_topics")]


def test_the_guide_is_filed_under_its_topic(guide):
    assert guide.topic.name == "Ketamine Infusion"
    assert guide.topic.slug == "ketamine-infusion"


def test_the_article_label_and_breadcrumb_link_to_its_topic(guide):
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert '<p class="topic"><a href="/topics/ketamine-infusion/">Ketamine Infusion</a></p>' in html
    breadcrumb = html[html.index('<nav class="breadcrumb"') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</nav>")]
    assert '<li><a href="/topics/ketamine-infusion/">Ketamine Infusion</a></li>' in breadcrumb


def test_a_topic_rename_shows_at_once_on_its_articles_and_pages(guide):
    reader = Client()
    reader.get(guide.get_absolute_url())  # the shared page is now kept
    topic = guide.topic
    topic.name = "Ketamine Treatment"
    topic.slug = "ketamine-treatment"
    topic.save()

    for address in (guide.get_absolute_url(), "/", "/topics/ketamine-treatment/"):
        html = reader.get(address).content.decode()
        # The guide's own text links its topic page too ("related articles"): an editor's link,
        # which the content checks report as broken on the article's next save; not the site's.
        html = html.replace('href="/topics/ketamine-infusion/" rel="noopener noreferrer"', "")
        assert "Ketamine Treatment" in html, address
        assert "/topics/ketamine-infusion/" not in html, address
    old = reader.get("/topics/ketamine-infusion/")  # the old address leads to the new one
    assert (old.status_code, old["Location"]) == (301, "/topics/ketamine-treatment/")


def test_load_guide_gives_the_topic_it_creates_the_files_description(guide, client):
    """Without one the topic page had only its name over the list, and its meta description read
    "Articles on Ketamine Infusion from Ketamine Infusion." (the seed's topic and site share a name)."""
    description = guide.topic.description
    assert description.startswith("Ketamine given slowly into a vein under medical supervision")
    html = client.get(guide.topic.get_absolute_url()).content.decode()
    assert f'<p class="introduction">{description}</p>' in html
    assert f'<meta name="description" content="{description}">' in html


def test_loading_again_keeps_the_editors_topic(guide):
    topic = guide.topic
    topic.description = "Written by an editor."
    topic.slug = "ketamine"
    topic.save()
    call_command("load_guide", "--reset", stdout=None)
    guide.refresh_from_db()
    assert guide.topic == topic
    assert Topic.objects.get().description == "Written by an editor."
    assert "unchanged" in "".join(guide_loader.load_guide(guide_loader.read_guide(guide_loader.guide_files()[0])))


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_topic_texts_into_topics_and_keeps_revisions_restorable():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Article = apps.get_model("articles", "Article")
    fields = {"summary": "S.", "introduction": "I.", "status": "published"}
    first = Article.objects.create(title="One", slug="one", topic="Chronic Pain ", **fields)
    Article.objects.create(title="Two", slug="two", topic="Chronic Pain", **fields)
    Article.objects.create(title="Three", slug="three", topic="", **fields)
    # django-reversion's own tables are not part of this state: its current models are the same.
    article_type, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    revision = Revision.objects.create(comment="", date_created=timezone.now())
    old = [{"model": "articles.article", "pk": first.pk, "fields": {"title": "One", "topic": "Depression"}}]
    version = Version.objects.create(
        revision=revision,
        object_id=str(first.pk),
        content_type=article_type,
        db="default",
        format="json",
        serialized_data=json.dumps(old),
        object_repr="One",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps

    topics = dict(apps.get_model("articles", "Topic").objects.values_list("name", "slug"))
    assert topics == {"Chronic Pain": "chronic-pain", "Depression": "depression"}
    by_slug = dict(apps.get_model("articles", "Article").objects.values_list("slug", "topic__name"))
    assert by_slug == {"one": "Chronic Pain", "two": "Chronic Pain", "three": None}
    restored = json.loads(Version.objects.get(pk=version.pk).serialized_data)
    depression = apps.get_model("articles", "Topic").objects.get(name="Depression")
    assert restored[0]["fields"]["topic"] == depression.pk

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # and back: the texts return
    apps = executor.loader.project_state(BEFORE).apps
    assert dict(apps.get_model("articles", "Article").objects.values_list("slug", "topic")) == {
        "one": "Chronic Pain",
        "two": "Chronic Pain",
        "three": "",
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_editor_adds_a_topic_and_files_an_article_under_it(make_article):
    user = User.objects.create_user("new-editor", "", STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    editor = Client()
    editor.force_login(user)
    response = editor.post(
        reverse("admin:articles_topic_add"),
        {"name": "Depression", "slug": "depression", "description": "Low mood that lasts.", "is_mental_health": "on"},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(slug="depression")
    assert topic.is_mental_health
    make_article(title="Ketamine for depression", topic=topic)
    assert "Ketamine for depression" in Client().get("/topics/depression/").content.decode()
