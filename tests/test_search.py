"""Search at /search/?q=: what a reader finds and sees, on either database, and what odd queries get."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import FAQ, Article, SitePage, Topic

SEARCH = reverse("articles:search")
ON_POSTGRESQL = connection.vendor == "postgresql"


def search(query, **params):
    return Client().get(SEARCH, {"q": query, **params})


def found_titles(response) -> list[str]:
    return re.findall(r'<h2><a href="/articles/[^"]+/">([^<]+)</a></h2>', response.content.decode())


def test_a_word_only_in_the_guides_faq_finds_the_guide(guide):
    answers = " ".join(guide.faqs.values_list("answer", flat=True))
    rest = " ".join([guide.title, guide.summary, guide.introduction, guide.closing])
    rest += " ".join(guide.sections.values_list("body", flat=True))
    assert "drip" in answers and "drip" not in rest  # the word is in the FAQ alone

    response = search("drip")

    assert response.status_code == 200
    assert found_titles(response) == ["What Is Ketamine Infusion Used For"]
    html = response.content.decode()
    assert '<a href="/topics/ketamine-infusion/">Ketamine Infusion</a>' in html  # its topic
    assert "<mark>drip</mark>" in html  # the snippet shows where it matched


def test_drafts_and_scheduled_articles_never_appear(make_article):
    make_article(title="Published zebrafish", summary="About zebrafish.")
    make_article(title="Draft zebrafish", summary="About zebrafish.", status=Article.Status.DRAFT)
    make_article(
        title="Scheduled zebrafish", summary="About zebrafish.", published_at=timezone.now() + timedelta(days=1)
    )

    assert found_titles(search("zebrafish")) == ["Published zebrafish"]


def test_every_word_must_be_in_the_article(make_article):
    make_article(title="Sleep and pain", summary="How sleep changes pain.")
    make_article(title="Sleep alone", summary="How to sleep.")

    assert found_titles(search("sleep pain")) == ["Sleep and pain"]


def test_an_edit_to_a_faq_answer_is_found_at_once(make_article):
    article = make_article(title="Aftercare", faqs=0)
    faq = FAQ.objects.create(article=article, question="What to bring?", answer="A warm blanket.")
    assert found_titles(search("blanket")) == ["Aftercare"]

    faq.answer = "A good book."
    faq.save()

    assert found_titles(search("book")) == ["Aftercare"]
    assert found_titles(search("blanket")) == []


def test_an_article_stored_before_search_existed_is_found(make_article):
    make_article(title="Older row", summary="Mentions hydration.")
    # As the row was before the deploy that added search: no search text, a body of another version.
    Article.objects.update(search_lead="", search_body="", search_vector=None, body_html_version="")

    assert found_titles(search("hydration")) == ["Older row"]


def test_snippets_escape_script_from_article_text(make_article):
    article = make_article(title="Markup", faqs=0)
    code = "`<script>alert(1)</script>` and `<img src=x onerror=alert(2)>` and `a < b & c`"
    FAQ.objects.create(article=article, question="Code?", answer=f"Type {code} near toxicology.")

    response = search("toxicology")

    assert found_titles(response) == ["Markup"]
    snippet = re.search(r'<p class="snippet">(.*?)</p>', response.content.decode(), re.S).group(1)
    assert "<mark>toxicology</mark>" in snippet
    assert re.findall(r"<(?!/?mark>)", snippet) == []  # no tag but the marks: the text is escaped
    if not ON_POSTGRESQL:  # PostgreSQL's parser reads "<script>" as a tag and leaves it out of the snippet
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet


def test_the_query_is_shown_back_escaped_in_title_heading_and_box(make_article):
    make_article(title="Pain relief")
    query = '<b>"pain"</b> & relief'

    html = search(query).content.decode()

    shown = "&lt;b&gt;&quot;pain&quot;&lt;/b&gt; &amp; relief"
    assert f"<title>Search results for “{shown}” | " in html
    assert f"<h1>Search results for “{shown}”</h1>" in html
    assert f'name="q" value="{shown}"' in html
    assert "<b>" not in html


def test_no_results_suggests_the_topics_and_tips(make_article):
    pain = Topic.objects.create(name="Chronic Pain", slug="chronic-pain")
    empty = Topic.objects.create(name="Sleep", slug="sleep")
    make_article(title="On pain", topic=pain)
    make_article(title="Draft on sleep", topic=empty, status=Article.Status.DRAFT)

    response = search("xylophone")

    html = response.content.decode()
    assert response.status_code == 200
    assert "No published article matches “xylophone”." in html
    assert "Check the spelling" in html
    assert '<a href="/topics/chronic-pain/">Chronic Pain</a>' in html
    assert "/topics/sleep/" not in html  # a topic with nothing published is no suggestion


@pytest.mark.parametrize("address", [SEARCH, f"{SEARCH}?q=", f"{SEARCH}?q=+++"])
def test_an_empty_search_is_the_page_with_the_box_and_the_topics(make_article, address):
    make_article(title="On pain", topic=Topic.objects.create(name="Chronic Pain", slug="chronic-pain"))

    response = Client().get(address)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Search</h1>" in html
    assert 'id="search-q" name="q" value=""' in html
    assert '<a href="/topics/chronic-pain/">Chronic Pain</a>' in html
    assert "No published article matches" not in html


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("a" * 201, "A search can be at most 200 characters long (this one has 201)."),
        ("x" * 10000, "A search can be at most 200 characters long (this one has 10000)."),
        ("pain\x00relief", "cannot be searched (a null byte)"),
    ],
    ids=["201-characters", "10000-characters", "null-byte"],
)
def test_a_search_the_site_cannot_take_is_a_400_page_with_the_reason_and_the_box(db, query, reason):
    response = search(query)

    html = response.content.decode()
    assert response.status_code == 400
    assert reason in html
    assert 'id="search-q"' in html and 'aria-invalid="true"' in html
    assert re.search(r'id="search-q" name="q" value="[^"]{0,200}"', html)  # the box, to try again


def test_several_searches_in_one_address_are_a_400_page(db):
    response = Client().get(f"{SEARCH}?q=pain&q=sleep")

    assert response.status_code == 400
    assert "Search for one thing at a time" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "&",
        "!",
        ":*",
        '"unbalanced',
        "'unbalanced",
        "pain & | !",
        "(pain",
        "-",
        "100%",
        "a_b",
        "\\",
        "😀",
        "ketamine 💉",
    ],
)
def test_odd_characters_get_a_clear_page(guide, query):
    response = search(query)

    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


def test_results_are_paginated_and_keep_the_query(make_article):
    for number in range(12):
        make_article(title=f"Quinoa {number}", sections=0, takeaways=0, faqs=0)

    first = search("quinoa").content.decode()
    second = search("quinoa", page=2).content.decode()

    assert first.count("<h2><a href=") == 10 and "12 articles found; page 1 of 2." in first
    assert '<a href="?q=quinoa&amp;page=2" rel="next">Next</a>' in first
    assert second.count("<h2><a href=") == 2 and '<ol class="search-results" start="11">' in second
    assert '<a href="?q=quinoa&amp;page=1" rel="prev">Previous</a>' in second


@pytest.mark.parametrize("page", ["3", "abc", "0"])
def test_a_page_past_the_end_is_the_404_page(make_article, page):
    for number in range(12):
        make_article(title=f"Quinoa {number}", sections=0, takeaways=0, faqs=0)

    response = search("quinoa", page=page)

    assert response.status_code == 404
    assert "<html" in response.content.decode()


def test_search_pages_are_not_for_search_engines_index(make_article):
    make_article(title="Pain relief")
    for response in (search("pain"), search(""), search("xylophone")):
        html = response.content.decode()
        assert '<meta name="robots" content="noindex">' in html
        assert 'rel="canonical"' not in html


@pytest.mark.parametrize("query", ["quinoa", "xylophone", ""], ids=["results", "no-results", "empty"])
def test_search_query_count_does_not_grow_with_articles(make_article, django_assert_max_num_queries, query):
    topic = Topic.objects.create(name="Grains", slug="grains")
    for number in range(12):
        make_article(title=f"Quinoa {number}", topic=topic, sections=0, takeaways=0, faqs=0)
    # the site's name and the footer's site pages on a cold cache, outdated search text, the count,
    # the page of results (or the topics)
    with django_assert_max_num_queries(5):
        response = search(query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "address", ["/", "/topics/ketamine-infusion/", "/articles/what-is-ketamine-infusion-used-for/"]
)
def test_every_page_has_the_search_box_in_its_header(guide, address):
    html = Client().get(address).content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert '<form class="search-box site-search" action="/search/" method="get" role="search">' in header
    assert '<label for="site-search-q" class="visually-hidden">Search the articles</label>' in header
    assert '<input type="search" id="site-search-q" name="q" value="" maxlength="200" placeholder="Search">' in header


def test_a_site_page_cannot_take_the_search_address(db):
    with pytest.raises(ValidationError, match="already uses /search/"):
        SitePage(title="Search", slug="search", body="Text.").full_clean()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="full-text search (weights, stems, web-search syntax) is PostgreSQL's")
def test_postgresql_ranks_title_over_summary_over_body(make_article):
    now = timezone.now()
    make_article(title="Hydration in the body", summary="Water.", published_at=now - timedelta(days=3), faqs=0)
    body = make_article(title="Other", summary="Other.", published_at=now - timedelta(days=1), faqs=0)
    FAQ.objects.create(article=body, question="Drink?", answer="Hydration matters.")
    make_article(title="Plain", summary="Hydration in short.", published_at=now - timedelta(days=2), faqs=0)

    assert found_titles(search("hydration")) == ["Hydration in the body", "Plain", "Other"]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="full-text search (weights, stems, web-search syntax) is PostgreSQL's")
def test_postgresql_finds_word_forms_phrases_and_leaves_out_excluded_words(guide):
    assert found_titles(search("dosage")) == [guide.title]  # "dosages" in the FAQ
    assert found_titles(search('"intravenous drip"')) == [guide.title]
    assert found_titles(search("ketamine -drip")) == []
    html = search("dosage").content.decode()
    assert "<mark>dosages</mark>" in html  # SearchHeadline's hit, marked after escaping


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's fallback search; PostgreSQL ranks by full-text weight")
def test_sqlite_orders_by_where_the_words_matched_then_newest(make_article):
    now = timezone.now()
    make_article(title="Older body hit", summary="Other.", published_at=now - timedelta(days=5), faqs=0)
    FAQ.objects.create(article=Article.objects.get(title="Older body hit"), question="Q?", answer="Hydration.")
    make_article(title="Newer body hit", summary="Other.", published_at=now - timedelta(days=1), faqs=0)
    FAQ.objects.create(article=Article.objects.get(title="Newer body hit"), question="Q?", answer="Hydration.")
    make_article(title="Summary hit", summary="Hydration.", published_at=now - timedelta(days=3), faqs=0)
    make_article(title="Hydration in the title", summary="Other.", published_at=now - timedelta(days=9), faqs=0)

    assert found_titles(search("HYDRATION")) == [
        "Hydration in the title",
        "Summary hit",
        "Newer body hit",
        "Older body hit",
    ]


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's fallback snippet; PostgreSQL's is SearchHeadline's")
def test_sqlite_snippet_is_the_text_around_the_first_hit(make_article):
    article = make_article(title="Long", faqs=0, sections=0)
    FAQ.objects.create(
        article=article, question="Why?", answer=("Filler words here. " * 20) + "Then hydration. " + "More."
    )

    html = search("hydration").content.decode()

    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert snippet.startswith("… ") and "Then <mark>hydration</mark>. More." in snippet
    assert len(snippet) < 300


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite has no GIN index (nor tsvector): its migration leaves both out")
def test_postgresql_keeps_the_search_vector_behind_a_gin_index(db):
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Article._meta.db_table)
    assert indexes["articles_article_search_vector"]["type"] == "gin"
    assert indexes["articles_article_search_vector"]["columns"] == ["search_vector"]


def test_with_no_topic_published_the_suggestions_do_not_point_to_one(db):
    html = search("xylophone").content.decode()
    assert "Check the spelling" in html
    assert "Browse a topic" not in html and "topics-heading" not in html


def test_a_renamed_article_is_found_by_its_new_title(make_article):
    article = make_article(title="Old name", sections=0, takeaways=0, faqs=0)

    article.title = "Fresh name"
    article.save()

    assert found_titles(search("fresh")) == ["Fresh name"]
    assert found_titles(search("old")) == []
