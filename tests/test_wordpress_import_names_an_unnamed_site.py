"""A site that still has Django's default name ("example.com") takes the WordPress site's title on import,
shown at once on its pages; a name the owner set is kept."""

from io import StringIO

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from tests.wordpress_export import export, item


def run(tmp_path, *options) -> str:
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "one")).replace("<title>t</title>", "<title>Pain Relief Clinic</title>", 1))
    out = StringIO()
    call_command("import_wordpress", str(path), *options, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_default_site_name_becomes_the_exports_title_on_every_page(tmp_path, client):
    site = Site.objects.get_current()
    site.name = "example.com"
    site.save()
    assert "Pain Relief Clinic" not in client.get("/").content.decode()  # the name is cached now
    summary = run(tmp_path)
    assert "site name “Pain Relief Clinic”: was Django's default “example.com”" in summary
    assert Site.objects.get_current().name == "Pain Relief Clinic"
    home = client.get("/").content.decode()
    assert "Pain Relief Clinic" in home and "example.com" not in home


@pytest.mark.django_db
def test_a_name_the_owner_set_is_kept(tmp_path):
    site = Site.objects.get_current()
    site.name = "Infusion Guides"
    site.save()
    summary = run(tmp_path)
    assert "site name" not in summary
    assert Site.objects.get_current().name == "Infusion Guides"


@pytest.mark.django_db
def test_dry_run_leaves_the_name(tmp_path):
    site = Site.objects.get_current()
    site.name = "example.com"
    site.save()
    assert "site name “Pain Relief Clinic”" in run(tmp_path, "--dry-run")
    assert Site.objects.get_current().name == "example.com"
