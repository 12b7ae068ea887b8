"""WordPress permalinks of imported posts and pages answer a 301 to the page here; nothing else changes."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.wordpress_export import FIXTURE, GUIDE_SLUG


@pytest.fixture
def imported(db):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f"/2026/10/01/{GUIDE_SLUG}/", f"/articles/{GUIDE_SLUG}/?from=wordpress"),
        ("/2026/10/15/ketamine-for-crps/", "/articles/ketamine-for-crps/?from=wordpress"),
        ("/2026/12/01/hello-world/", "/articles/hello-world/?from=wordpress"),
        ("/?p=4", f"/articles/{GUIDE_SLUG}/?from=wordpress"),
        ("/?page_id=6", "/about/"),
    ],
)
def test_old_wordpress_address_redirects_permanently(client, imported, old, new, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("query", ["utm_source=newsletter", "replytocom=12", "x=%00"])
def test_an_old_permalink_with_a_query_wordpress_ignored_still_redirects(client, imported, query):
    response = client.get(f"/2026/10/01/{GUIDE_SLUG}/?{query}")
    assert response.status_code == 301
    assert response["Location"] == f"/articles/{GUIDE_SLUG}/?from=wordpress"


def test_sample_page_keeps_its_address(client, imported):
    response = client.get("/sample-page/")
    assert response.status_code == 200
    assert "<h1>Sample Page</h1>" in response.content.decode()


@pytest.mark.parametrize("old", ["/?p=7", "/?page_id=3"])
def test_address_of_a_draft_leads_nowhere_new(client, imported, old):
    """A draft's WordPress address must not reveal the draft's address here: home answers, as before."""
    response = client.get(old)
    assert response.status_code == 200
    assert "esketamine" not in response.content.decode()


@pytest.mark.parametrize("query", ["p=abc", "p=99999999999999999999999", "p=%C2%B2", "page_id=-1", "p="])
def test_odd_ids_get_home_never_an_error(client, imported, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert "<h1>Anchor Health Articles</h1>" in response.content.decode()  # the home page


def test_unknown_old_address_is_a_404(client, imported):
    assert client.get("/2026/10/01/no-such-post/").status_code == 404


def test_a_non_latin_permalink_redirects(client, db, tmp_path):
    """WordPress writes a non-Latin slug's escapes in lower case; a request's path comes back upper case."""
    from tests.wordpress_export import export, item

    path = tmp_path / "export.xml"
    escaped = "%d0%ba%d0%b5%d1%82%d0%b0%d0%bc%d0%b8%d0%bd"
    path.write_text(export(item(1, "ketamin")).replace("/ketamin/</link>", f"/{escaped}/</link>"))
    call_command("import_wordpress", str(path), stdout=StringIO())
    response = client.get(f"/{escaped}/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/ketamin/?from=wordpress"
