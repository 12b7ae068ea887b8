"""What readers see: home, the article page, and friendly error pages."""

import itertools
import re
from datetime import timedelta

import markdown
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

HOME = reverse("articles:list")


def test_home_lists_published_articles_newest_first(make_article):
    now = timezone.now()
    make_article(title="Older", published_at=now - timedelta(days=2))
    make_article(title="Newer", published_at=now - timedelta(days=1))
    make_article(title="Draft", status=Article.Status.DRAFT)
    html = Client().get(HOME).content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Draft" not in html
    assert "A summary." in html


def test_home_says_so_when_nothing_is_published(db):
    response = Client().get(HOME)
    assert response.status_code == 200
    assert "No articles are published yet." in response.content.decode()


def test_home_query_count_does_not_grow_with_articles(make_article, django_assert_max_num_queries):
    for number in range(25):
        make_article(title=f"Article {number}")
    # The count, the page of articles, the topics; on a cold cache the site's name and the footer's site pages.
    with django_assert_max_num_queries(5):
        response = Client().get(HOME)
    assert response.status_code == 200
    assert 'rel="next"' in response.content.decode()


def test_article_page_shows_every_part_of_the_guide(guide, client):
    response = client.get(guide.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<h1>What Is Ketamine Infusion Used For</h1>" in html
    assert "<title>What Is Ketamine Infusion Used For | Ketamine Infusion</title>" in html
    assert f'<meta name="description" content="{guide.summary}">' in html
    for text in ("Top Takeaways", "Table of Contents", "Frequently Asked Questions", "Rapid Relief:"):
        assert text in html
    for faq in guide.faqs.all():
        assert faq.question in html
    assert 'aria-label="Breadcrumb"' in html
    assert 'id="comments"' in html
    assert "For more on ketamine infusion therapy" in html


def test_headings_are_in_order_without_skipping_levels(guide, client):
    html = client.get(guide.get_absolute_url()).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


def test_table_of_contents_links_match_section_ids(guide, client):
    html = client.get(guide.get_absolute_url()).content.decode()
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', toc)
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets == [s.anchor for s in guide.sections.all()] + ["faq"]
    assert set(targets) <= ids
    # Subsections are nested under "Medical Applications of Ketamine Infusion".
    nested = re.search(r'href="#medical-applications-of-ketamine-infusion".*?<ol>(.*?)</ol>', toc, re.S).group(1)
    assert re.findall(r'href="#([^"]+)"', nested) == [
        "depression-treatment",
        "chronic-pain-management",
        "ptsd-and-anxiety-relief",
    ]


def test_article_page_makes_a_fixed_number_of_queries(make_article, django_assert_max_num_queries):
    """Queries do not grow with the article's parts (6, with references) or comments (3)."""
    article = make_article(sections=30, takeaways=10, faqs=20)
    for number in range(5):
        article.related_articles.add(make_article(title=f"Related {number}", sections=0))
    client = Client()
    client.get(article.get_absolute_url())  # the site name is cached per process after this
    with django_assert_max_num_queries(9):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="guide-section"') == 30


@pytest.mark.parametrize("reader", ["new reader", "remembered reader", "replying reader"])
def test_reading_a_page_never_parses_markdown(guide, make_comment, monkeypatch, reader):
    """Articles and comments are rendered when saved. The parser itself is patched: no way round it passes."""
    comment = make_comment(guide, body="A *comment* with **Markdown**.")

    def fail(self, text):
        raise AssertionError("Markdown parsed while reading a page")

    monkeypatch.setattr(markdown.Markdown, "convert", fail)
    client = Client()
    if reader == "remembered reader":
        client.cookies["comment_author"] = '{"name": "Ann"}'
    query = {"replytocom": comment.pk} if reader == "replying reader" else {}
    response = client.get(guide.get_absolute_url(), query)
    assert response.status_code == 200
    assert "<p>A <em>comment</em> with <strong>Markdown</strong>.</p>" in response.content.decode()


def test_only_published_related_articles_are_linked(make_article, client):
    article = make_article()
    article.related_articles.add(make_article(title="Live neighbour"))
    article.related_articles.add(make_article(title="Draft neighbour", status=Article.Status.DRAFT))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Live neighbour" in html
    assert "Draft neighbour" not in html


def test_related_section_is_absent_without_related_articles(guide, client):
    assert 'id="related"' not in client.get(guide.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "fields",
    [{"status": Article.Status.DRAFT}, {"published_at": timezone.now() + timedelta(hours=1)}],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_is_404_for_readers(make_article, client, fields):
    article = make_article(**fields)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_unknown_address_gets_the_friendly_404_page(db, client):
    response = client.get("/articles/no-such-article/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'href="/"' in html


def test_article_address_with_bad_characters_is_404_not_500(db, client):
    assert client.get("/articles/%00%ff/").status_code == 404
    assert client.get("/articles/" + "a" * 5000 + "/").status_code == 404


def test_server_error_page_renders_without_a_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "/static/css/site.css" in html


def test_article_text_is_escaped_not_trusted(make_article, client):
    article = make_article(title="<script>alert(1)</script>", summary='"><script>x</script>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_article_published_after_the_server_started_appears_on_home(db, client, make_article):
    client.get(HOME)  # the view is in use before the article exists
    article = make_article(title="Published just now")
    assert article.title in client.get(HOME).content.decode()


def test_last_updated_shows_only_when_it_differs_from_the_publish_date(make_article, client):
    article = make_article()
    assert "Last updated" not in client.get(article.get_absolute_url()).content.decode()
    article.published_at = timezone.now() - timedelta(days=3)
    article.save()
    assert "Last updated" in client.get(article.get_absolute_url()).content.decode()


def test_an_error_in_a_view_gets_the_friendly_500_page(guide, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("articles.views.render_frame", broken)
    response = Client(raise_request_exception=False).get(guide.get_absolute_url())
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "boom" not in html


def test_a_bad_host_gets_the_sites_400_page(db, settings):
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_canonical_address_has_no_query_string(guide):
    html = Client().get(guide.get_absolute_url(), {"unapproved": "x", "comments-page": "2"}).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{guide.get_absolute_url()}">' in html
    assert "unapproved=x" not in html.split("</head>")[0]
