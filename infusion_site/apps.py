from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def site_domain_from_settings(sender, using, **kwargs):
    from .site_address import sync_site_domain

    sync_site_domain(using=using)


class InfusionSiteConfig(AppConfig):
    """The project package as an app: it keeps the Sites row on the configured address and
    registers the checks that say what production is missing."""

    name = "infusion_site"
    verbose_name = "Site"

    def ready(self):
        from . import checks

        # After every migrate and flush, right after django.contrib.sites (re)creates the row as
        # "example.com" (its receiver was connected first). This app has no models: post_migrate
        # is sent for apps with models only.
        post_migrate.connect(
            site_domain_from_settings, sender=apps.get_app_config("sites"), dispatch_uid="site-domain-from-settings"
        )
        checks.warn_at_startup()
