"""The site's public address (settings.SITE_URL): one home for every absolute link.

Some mail is written outside any request (the digest, from cron), and a request's Host header
is the client's to choose, so absolute links never come from the request: they start with
SITE_URL. The Sites row (what the admin's "View on site" uses) takes its host from the same
setting.
"""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def site_origin() -> str:
    """Scheme, host and port: "https://guide.example.org"."""
    return settings.SITE_URL


def absolute_url(path: str) -> str:
    """An address on this site ("/admin/...") as a link that works from a mail, a feed or a search
    engine's index; one already absolute (media served from elsewhere) is kept."""
    return path if urlsplit(path).scheme else f"{site_origin()}{path}"


def tag_uri(day: date, name: str) -> str:
    """A feed entry's id that outlives a change of its address (RFC 4151 `tag:`): a renamed article
    or a comment on a new page of threads is not news to a feed reader."""
    return f"tag:{urlsplit(site_origin()).hostname},{day:%Y-%m-%d}:{name}"


def sync_site_domain(*, using: str = "default") -> bool:
    """Give the Sites row the configured host; True when it had to change.

    Saved through the model, so the per-process sites cache and the shared cache of the
    site's name (articles.context_processors) both hear of it.
    """
    domain = urlsplit(site_origin()).netloc
    site, created = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
    )
    if created or site.domain == domain:
        return created
    site.domain = domain
    site.save(using=using, update_fields=["domain"])
    return True
