from django.contrib import admin
from django.contrib.sites.admin import SiteAdmin
from django.contrib.sites.models import Site

admin.site.unregister(Site)


@admin.register(Site)
class ConfiguredSiteAdmin(SiteAdmin):
    """The site's name is the editors' to set; its domain comes from SITE_URL, so it is shown, not edited."""

    fieldsets = (
        (
            None,
            {
                "fields": ("name", "domain"),
                "description": "The domain is the site's address from the SITE_URL setting; "
                "it is set again on every migrate and load_guide.",
            },
        ),
    )
    readonly_fields = ("domain",)

    def has_add_permission(self, request):
        return False  # one site (SITE_ID)
