from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import transaction

from .models import SitePage

SITE_NAME_KEY = "sites:current-name"
FOOTER_PAGES_KEY = "articles:footer-pages"
PRIVACY_SLUG = "privacy"  # the site page the comment form and the personal-data page link to


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


def footer_pages(request):
    """The published site pages the footer of every page links to, as (title, slug) pairs.

    Kept in the shared cache like the site's name, so a page costs no query for its footer;
    saving or deleting a site page drops the key and retires the kept pages (articles.apps).
    Slugs, not addresses: the template reverses them for the request it renders. `privacy_published`:
    whether the privacy page is among them, for the pages that link it (a link to it otherwise is a 404).
    """
    pages = cache.get(FOOTER_PAGES_KEY)
    if pages is None:
        pages = list(SitePage.objects.published().values_list("title", "slug"))
        cache.set(FOOTER_PAGES_KEY, pages, timeout=None)
    return {"footer_pages": pages, "privacy_published": any(slug == PRIVACY_SLUG for _, slug in pages)}


def forget_footer_pages(**signal_kwargs) -> None:
    """Drop the footer's links now and again at commit (see forget_site_name)."""
    cache.delete(FOOTER_PAGES_KEY)
    transaction.on_commit(lambda: cache.delete(FOOTER_PAGES_KEY))
