from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import transaction

SITE_NAME_KEY = "sites:current-name"


def site_name(request):
    """The site's name, as editors set it in the admin (Sites), for the header and titles.

    Kept in the shared cache, so a rename reaches every worker at once: django.contrib.sites
    keeps the site per process, so it is read from the database here, never from that copy.
    Saving a site drops the key (articles.apps).
    """
    name = cache.get(SITE_NAME_KEY)
    if name is None:
        name = Site.objects.only("name").get(pk=settings.SITE_ID).name
        cache.set(SITE_NAME_KEY, name, timeout=None)
    return {"site_name": name}


def forget_site_name(**signal_kwargs) -> None:
    """Drop the cached name now, and again at commit: a worker that read the old name in between
    would otherwise put it back for good."""
    cache.delete(SITE_NAME_KEY)
    transaction.on_commit(lambda: cache.delete(SITE_NAME_KEY))
