"""Topics become records editors manage: each distinct topic text becomes a Topic, articles point at it.

The texts are taken from the articles and from their revisions (django-reversion), and the
revisions are rewritten to name the topic by its id, as revisions made from now on do: an
older revision can still be restored, with the topic it had.
"""

import json

from django.db import migrations, models
from django.db.models import deletion
from django.utils.text import slugify


def _revisions(apps):
    Version = apps.get_model("reversion", "Version")
    return Version.objects.filter(content_type__app_label="articles", content_type__model="article")


def _revision_topic(version) -> str:
    for obj in json.loads(version.serialized_data):
        return (obj.get("fields", {}).get("topic") or "").strip()
    return ""


def texts_to_topics(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Topic = apps.get_model("articles", "Topic")
    texts = {text.strip() for text in Article.objects.values_list("topic", flat=True)}
    texts |= {_revision_topic(version) for version in _revisions(apps).iterator()}
    topics = {}
    for name in sorted(text for text in texts if text):
        base = slugify(name)[:90] or "topic"
        slug, n = base, 1
        while Topic.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        topics[name] = Topic.objects.create(name=name[:100], slug=slug)
    for article in Article.objects.all():
        # An UPDATE, not a save: the "last edited" time stays the editor's.
        Article.objects.filter(pk=article.pk).update(topic_record=topics.get(article.topic.strip()))
    for version in _revisions(apps).iterator():
        data = json.loads(version.serialized_data)
        for obj in data:
            fields = obj.get("fields", {})
            if "topic" in fields:
                topic = topics.get((fields["topic"] or "").strip())
                fields["topic"] = topic.pk if topic else None
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def topics_to_texts(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.select_related("topic_record"):
        text = article.topic_record.name if article.topic_record else ""
        Article.objects.filter(pk=article.pk).update(topic=text)
    names = dict(apps.get_model("articles", "Topic").objects.values_list("pk", "name"))
    for version in _revisions(apps).iterator():
        data = json.loads(version.serialized_data)
        for obj in data:
            fields = obj.get("fields", {})
            if "topic" in fields:
                fields["topic"] = names.get(fields["topic"], "")
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_s4_stored_body"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="e.g. “Ketamine Infusion”.", max_length=100, unique=True, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        help_text="The last part of the topic page's web address, e.g. ketamine-infusion.",
                        max_length=100,
                        unique=True,
                        verbose_name="address",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences under the topic's name on its page. Plain text.",
                        max_length=600,
                        verbose_name="description",
                    ),
                ),
                (
                    "is_mental_health",
                    models.BooleanField(
                        default=False,
                        help_text="Tick for topics about mental health, such as depression or PTSD.",
                        verbose_name="mental health",
                    ),
                ),
            ],
            options={"verbose_name": "topic", "ordering": ["name"]},
        ),
        migrations.AddField(
            model_name="article",
            name="topic_record",
            field=models.ForeignKey(
                null=True, on_delete=deletion.PROTECT, related_name="+", to="articles.topic"
            ),
        ),
        migrations.RunPython(texts_to_topics, topics_to_texts),
        migrations.RemoveField(model_name="article", name="topic"),
        migrations.RenameField(model_name="article", old_name="topic_record", new_name="topic"),
        migrations.AlterField(
            model_name="article",
            name="topic",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown above the title and in the breadcrumb, linking to the topic's page.",
                null=True,
                on_delete=deletion.PROTECT,
                related_name="articles",
                to="articles.topic",
                verbose_name="topic",
            ),
        ),
    ]
