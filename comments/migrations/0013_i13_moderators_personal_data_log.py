"""Moderators read the log of personal data requests (a copy or an erasure of comments): they act on them from the comments list."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderators"
APP_LABEL = "comments"
CODENAMES = ["view_personaldatarequest"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("comments", "0012_i13_personal_data_requests")]

    operations = [migrations.RunPython(grant, revoke)]
