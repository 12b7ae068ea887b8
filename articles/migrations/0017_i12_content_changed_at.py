from django.db import migrations, models


def from_last_edit(apps, schema_editor):
    """Until now the page said "Last updated" from the last save: existing articles keep that date."""
    Article = apps.get_model("articles", "Article")
    Article.objects.update(content_changed_at=models.F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_i12_person_address_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="content_changed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="content last changed"),
        ),
        migrations.RunPython(from_last_edit, migrations.RunPython.noop),
    ]
