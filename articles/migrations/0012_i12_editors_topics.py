"""Editors manage topics: the "Editors" group gets the topic permissions (0006 made it before topics existed)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APP_LABEL = "articles"
CODENAMES = [f"{action}_topic" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:  # an owner who deleted the group chose to manage roles another way
        group.permissions.add(*Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_i12_topics")]

    operations = [migrations.RunPython(grant, revoke)]
