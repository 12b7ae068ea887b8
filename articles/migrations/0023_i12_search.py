import django.contrib.postgres.search
from django.db import migrations, models

INDEX = "articles_article_search_vector"


def create_index(apps, schema_editor):
    """The GIN index the full-text search uses, on PostgreSQL alone: SQLite has no GIN (nor tsvector).

    Not in Article.Meta.indexes: SQLite rebuilds a table for most later changes to it, and would
    then be asked to create an index it cannot make.
    """
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON articles_article USING gin (search_vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    """What /search/ looks in (articles.search). The vector column exists on SQLite too (an unused,
    empty column: SQLite takes any type name), so that every read of an article's row works on both
    databases. Existing articles get their search text with their body, on their first read or the
    first search after the deploy (article_body.body_version() names the search document's version);
    no data step here, as in 0010."""

    dependencies = [
        ("articles", "0022_i12_old_addresses_of_topics_people_site_pages"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_body",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_lead",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
