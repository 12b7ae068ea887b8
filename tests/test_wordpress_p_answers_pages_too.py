"""WordPress answers /?p=<id> for a page as for a post (one id sequence); /?page_id= stays pages only."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.wordpress_export import FIXTURE


@pytest.fixture
def imported(db):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())


def test_p_with_a_pages_id_redirects_to_that_page(client, imported):
    response = client.get("/?p=6")  # the fixture's published page, whose own old address is /?page_id=6
    assert response.status_code == 301
    assert response["Location"] == "/about/"


def test_page_id_with_a_posts_id_is_home_as_before(client, imported):
    response = client.get("/?page_id=4")  # 4 is the guide, a post: WordPress's ?page_id= takes pages only
    assert response.status_code == 200
    assert "<h1>Anchor Health Articles</h1>" in response.content.decode()  # the home page
