"""The site's address comes from SITE_URL: the Sites row, "View on site" and every absolute link use it."""

import io

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from infusion_site.site_address import sync_site_domain
from tests.conftest import PRODUCTION_ENV, run_with_env, settings_value

SITE = "https://guide.example.org"


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("owner", "owner@example.com", "a-long-test-password"))
    return client


def test_site_url_defaults_to_the_first_allowed_host_over_https():
    assert settings_value("settings.SITE_URL", **PRODUCTION_ENV) == "https://example.org"
    assert settings_value("settings.SITE_URL", **PRODUCTION_ENV, SITE_URL="https://guide.example.org/") == SITE


@pytest.mark.parametrize("wrong", ["guide.example.org", "ftp://guide.example.org", "https://guide.example.org/blog"])
def test_a_site_url_that_is_not_an_address_stops_the_site_with_a_message(wrong):
    result = run_with_env("import django; django.setup()", **PRODUCTION_ENV, SITE_URL=wrong)
    assert result.returncode != 0
    assert "SITE_URL must be the site's address, like https://guide.example.org" in result.stderr


def test_load_guide_gives_the_sites_row_the_configured_address(db, settings):
    settings.SITE_URL = SITE
    Site.objects.update(domain="example.com")  # what django.contrib.sites creates
    Site.objects.clear_cache()
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    assert "Site address set to https://guide.example.org." in out.getvalue()
    assert Site.objects.get_current().domain == "guide.example.org"
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    assert "Site address" not in out.getvalue()  # nothing to change the second time


def test_migrate_gives_the_sites_row_the_configured_address(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    Site.objects.update(domain="example.com")
    call_command("migrate", verbosity=0)  # nothing to migrate: post_migrate still runs
    assert Site.objects.get().domain == "127.0.0.1:8000"


def test_a_rename_of_the_address_keeps_the_site_name(guide, settings):
    settings.SITE_URL = SITE
    assert sync_site_domain() is True
    site = Site.objects.get()
    assert (site.domain, site.name) == ("guide.example.org", "Ketamine Infusion")


def test_view_on_site_for_an_article_opens_it_on_the_sites_address(guide, superuser_client, settings):
    settings.SITE_URL = SITE
    sync_site_domain()
    change_page = superuser_client.get(reverse("admin:articles_article_change", args=[guide.pk])).content.decode()
    # The change form links the page on the host the editor is using; nothing points at example.com.
    assert f'href="{guide.get_absolute_url()}" class="viewsitelink"' in change_page
    assert "example.com" not in change_page
    shortcut = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, guide.pk])
    response = superuser_client.get(shortcut, secure=True)
    assert response.status_code == 302
    assert response["Location"] == f"{SITE}{guide.get_absolute_url()}"


def test_the_sites_admin_edits_the_name_and_shows_the_domain_from_the_settings(guide, superuser_client):
    site = Site.objects.get()
    url = reverse("admin:sites_site_change", args=[site.pk])
    assert "it is set again on every migrate and load_guide" in superuser_client.get(url).content.decode()
    response = superuser_client.post(url, {"name": "Our clinic", "domain": "elsewhere.example"})
    assert response.status_code == 302
    domain = site.domain
    site.refresh_from_db()
    assert (site.name, site.domain) == ("Our clinic", domain)
