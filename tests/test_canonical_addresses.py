"""Every public page names its one address, without the query string it was asked with, for
search engines (canonical) and for shares (og:url): the same value from one include."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from articles.models import Person, SitePage


def addresses_named(html: str) -> tuple[str, str]:
    canonical = html.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0]
    shared = html.split('<meta property="og:url" content="', 1)[1].split('"', 1)[0]
    return canonical, shared


@pytest.mark.parametrize("page", ["article", "topic", "person", "site page"])
def test_each_page_names_its_clean_address_as_canonical_and_for_shares(page, guide, make_article):
    call_command("load_guide", verbosity=0)  # the default site pages
    person = Person.objects.create(name="Dr Jo Reviewer")
    make_article(title="Reviewed", slug="reviewed", medical_reviewer=person)
    path = {
        "article": guide.get_absolute_url(),
        "topic": guide.topic.get_absolute_url(),
        "person": person.get_absolute_url(),
        "site page": SitePage.objects.get(slug="about").get_absolute_url(),
    }[page]
    html = Client().get(f"{path}?utm_source=newsletter").content.decode()
    assert addresses_named(html) == (f"{settings.SITE_URL}{path}", f"{settings.SITE_URL}{path}")


def test_the_address_named_is_the_sites_whatever_host_the_request_came_with(guide, settings):
    """Feeds, the sitemap and the JSON-LD name SITE_URL: the canonical link names the same address,
    not the Host header a reader's browser (or a proxy, or a second domain) sent."""
    settings.ALLOWED_HOSTS = ["guide.example.org", "old-name.example.net"]
    settings.SITE_URL = "https://guide.example.org"
    html = Client(HTTP_HOST="old-name.example.net").get(guide.get_absolute_url()).content.decode()
    address = f"https://guide.example.org{guide.get_absolute_url()}"
    assert addresses_named(html) == (address, address)
    assert "old-name.example.net" not in html
