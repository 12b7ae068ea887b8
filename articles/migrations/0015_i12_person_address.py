import itertools

from django.db import migrations, models
from django.utils.html import escape, linebreaks
from django.utils.text import slugify

import articles.markdown


def fill_addresses_and_bios(apps, schema_editor):
    """Give every existing person an address from their name, and their bio as it was meant.

    Written with Django's own helpers only (no code of this app that may change later). Bios were
    plain text until now (the field said so): they are kept as plain text, in paragraphs; the next
    edit renders them as Markdown (Person.save).
    """
    Person = apps.get_model("articles", "Person")
    taken = set()
    for person in Person.objects.order_by("pk"):
        base = slugify(person.name)[:120] or "person"
        person.slug = next(s for n in itertools.count(1) if (s := base if n == 1 else f"{base}-{n}") not in taken)
        taken.add(person.slug)
        person.bio_html = linebreaks(escape(person.bio)) if person.bio else ""
        person.save(update_fields=["slug", "bio_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_i12_editors_site_pages"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="bio_html",
            field=models.TextField(default="", editable=False),
        ),
        # Not unique yet: every row gets its own address first, then 0012 makes it unique.
        migrations.AddField(
            model_name="person",
            name="slug",
            field=models.SlugField(blank=True, max_length=140, verbose_name="address"),
        ),
        migrations.AlterField(
            model_name="person",
            name="bio",
            field=models.TextField(
                blank=True,
                help_text="Markdown. Two or three sentences, shown on their page.",
                max_length=600,
                validators=[articles.markdown.validate_renderable_markdown],
                verbose_name="short bio",
            ),
        ),
        migrations.RunPython(fill_addresses_and_bios, migrations.RunPython.noop),
    ]
