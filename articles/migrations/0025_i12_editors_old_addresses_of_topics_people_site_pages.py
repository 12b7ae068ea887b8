"""Editors may delete (and add, change, view) the old addresses of topics, people and site pages,
as they may an article's (0006): to free an address a renamed page still redirects from."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
APP_LABEL = "articles"
MODELS = ["topicoldaddress", "personoldaddress", "sitepageoldaddress"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]


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
    dependencies = [("articles", "0024_i14_wordpress_items")]

    operations = [migrations.RunPython(grant, revoke)]
