"""/robots.txt names the sitemap and keeps crawlers out of the admin, the editor's endpoints and the
comment post address, and out of nothing else."""

import re

import pytest
from django.test import Client
from django.urls import reverse

SITE = "https://guide.example.org"


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.SITE_URL = SITE


def robots() -> str:
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode()


def closed_to_crawlers(path: str, rules: str) -> bool:
    """RFC 9309: a Disallow value is a path prefix, `*` any run of characters."""
    prefixes = [line.removeprefix("Disallow: ") for line in rules.splitlines() if line.startswith("Disallow: ")]
    return any(re.match(".*".join(map(re.escape, prefix.split("*"))), path) for prefix in prefixes)


def test_robots_txt_names_the_sitemap_and_the_closed_addresses(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        rules = robots()
    assert rules == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /editor/\n"
        "Disallow: /articles/*/comments/\n"
        "\n"
        f"Sitemap: {SITE}/sitemap.xml\n"
    )


def test_crawlers_are_kept_out_of_the_admin_editor_and_comment_posts_only(guide):
    rules = robots()
    closed = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("editor-preview"),
        reverse("editor-upload"),
        reverse("editor-preview-site-page"),
        reverse("comments:post", args=[guide.slug]),
    ]
    open_ = [
        "/",
        guide.get_absolute_url(),
        guide.topic.get_absolute_url(),
        guide.author.get_absolute_url(),
        "/about/",
        "/sitemap.xml",
        "/feeds/articles/",
        reverse("comments:feed", args=[guide.slug]),
        "/favicon.ico",
    ]
    assert [path for path in closed if not closed_to_crawlers(path, rules)] == []
    assert [path for path in open_ if closed_to_crawlers(path, rules)] == []


def test_markdownx_endpoints_moved_outside_editor_are_closed_too(db, settings):
    settings.MARKDOWNX_UPLOAD_URLS_PATH = "/uploads-endpoint/"
    assert closed_to_crawlers("/uploads-endpoint/", robots())


def test_robots_txt_takes_no_post(db):
    assert Client().post("/robots.txt").status_code == 405
