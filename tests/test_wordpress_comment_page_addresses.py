"""WordPress answers more of a permalink than the permalink: a page of its comments
(`<permalink>comment-page-2/`) and the permalink without its closing slash. Those old links
redirect like the permalink, looked up only where the site has nothing, in one query; a redirect
to an article says it came from WordPress in its query, and the article's canonical link stays clean."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.wordpress_export import FIXTURE, GUIDE_SLUG

PERMALINK = f"/2026/10/01/{GUIDE_SLUG}/"
ARTICLE = f"/articles/{GUIDE_SLUG}/"


@pytest.fixture
def imported(db):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())


@pytest.mark.parametrize(
    "old",
    [
        f"{PERMALINK}comment-page-2/",
        f"{PERMALINK}comment-page-2",
        f"{PERMALINK}comment-page-14/?replytocom=12",
        f"{PERMALINK}comment-page-1/?utm_source=mail",
        PERMALINK.removesuffix("/"),
        f"{PERMALINK.removesuffix('/')}?utm_source=mail",
    ],
)
def test_comment_pages_and_the_permalink_without_its_slash_redirect_to_the_article(
    client, imported, old, django_assert_max_num_queries
):
    # The 404 page the site made first (its site name, the footer's pages), then one lookup.
    with django_assert_max_num_queries(3) as queries:
        response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"{ARTICLE}?from=wordpress"
    assert sum("articles_wordpressitem" in query["sql"] for query in queries.captured_queries) == 1


def test_a_page_of_the_site_is_never_looked_up(client, imported, django_assert_num_queries):
    """The lookup runs only after a 404: an address the site answers costs nothing more."""
    client.get(ARTICLE)  # the article's versions and frame kept: what follows reads only the cache
    with django_assert_num_queries(0):
        assert client.get(ARTICLE).status_code == 200


@pytest.mark.parametrize(
    "old",
    [
        "/2026/10/01/no-such-post/comment-page-2/",
        f"{PERMALINK}comment-page-x/",
        f"{PERMALINK}comment-page-99999999999/",
        f"{PERMALINK}comments-page-2/",
        "/2026/10/01/no-such-post",
    ],
)
def test_other_addresses_stay_404(client, imported, old):
    assert client.get(old).status_code == 404


def test_a_site_page_redirect_carries_no_marker(client, imported):
    """Only articles have comments: a page's old address leads to its plain address."""
    response = client.get("/?page_id=6")
    assert response.status_code == 301
    assert response["Location"] == "/about/"


def test_the_page_the_redirect_leads_to_names_its_clean_address_as_canonical(client, imported):
    response = client.get(f"{ARTICLE}?from=wordpress")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{ARTICLE}">' in page
    assert "from=wordpress" not in page.split("</head>")[0]
