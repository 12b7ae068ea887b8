from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0011, whose data step filled the addresses: PostgreSQL alters a table best outside that step."""

    dependencies = [
        ("articles", "0015_i12_person_address"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The last part of their page's web address, e.g. jo-reviewer. Left empty, it is made from the name.",
                max_length=140,
                unique=True,
                verbose_name="address",
            ),
        ),
    ]
