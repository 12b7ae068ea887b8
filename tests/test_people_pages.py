"""People pages: who wrote and who reviewed an article, with their credentials, bio and published articles."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Person


@pytest.fixture
def reviewer(db):
    return Person.objects.create(
        name="Dr Jo Reviewer", credentials="MD, psychiatrist", bio="Reviews *mental health* guides.\n\nSecond line."
    )


@pytest.fixture
def writer(db):
    return Person.objects.create(name="Sam Writer", credentials="Health journalist")


@pytest.fixture
def reviewed_article(make_article, writer, reviewer):
    return make_article(title="Reviewed article", author=writer, medical_reviewer=reviewer)


def test_a_person_gets_an_address_from_their_name_and_a_namesake_another(db):
    first = Person.objects.create(name="Dr Jo Reviewer")
    second = Person.objects.create(name="Dr Jo Reviewer")
    assert first.get_absolute_url() == "/people/dr-jo-reviewer/"
    assert second.get_absolute_url() == "/people/dr-jo-reviewer-2/"


def test_the_person_page_shows_credentials_the_bio_as_markdown_and_the_articles(
    reviewed_article, reviewer, django_assert_max_num_queries
):
    # The person, their articles, the site's name; on a cold cache the footer's site pages too.
    with django_assert_max_num_queries(4):
        response = Client().get(reviewer.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Dr Jo Reviewer</h1>" in html
    assert "MD, psychiatrist" in html
    assert "<p>Reviews <em>mental health</em> guides.</p>" in html
    assert "Articles medically reviewed" in html and "Articles written" not in html
    assert f'<a href="{reviewed_article.get_absolute_url()}">Reviewed article</a>' in html


def test_the_person_page_lists_only_published_articles(make_article, writer):
    make_article(title="Out now", author=writer)
    make_article(title="A draft", author=writer, status=Article.Status.DRAFT)
    make_article(title="Scheduled", author=writer, published_at=timezone.now() + timedelta(days=2))
    html = Client().get(writer.get_absolute_url()).content.decode()
    assert "Out now" in html
    assert "A draft" not in html and "Scheduled" not in html


def test_a_person_named_on_no_published_article_has_no_public_page(make_article, writer, editor_client):
    make_article(title="A draft", author=writer, status=Article.Status.DRAFT)
    assert Client().get(writer.get_absolute_url()).status_code == 404
    # Editors see it, so a draft's byline link works in preview; never kept by a cache.
    response = editor_client.get(writer.get_absolute_url())
    assert response.status_code == 200
    assert "No published article names Sam Writer yet" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("address", ["/people/nobody/", "/people/odd%20name/", "/people/%E2%80%A6/", "/people/x/y/"])
def test_an_unknown_or_odd_person_address_is_404(db, address):
    assert Client().get(address).status_code == 404


def test_a_query_string_does_not_change_the_person_page(reviewed_article, reviewer):
    response = Client().get(reviewer.get_absolute_url() + "?q=%3Cscript%3E&page=-1")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</head>")[1]


def test_the_byline_links_author_and_reviewer_to_their_pages(reviewed_article, writer, reviewer):
    html = Client().get(reviewed_article.get_absolute_url()).content.decode()
    assert f'<a href="{writer.get_absolute_url()}">Sam Writer</a>, Health journalist' in html
    assert f'<a href="{reviewer.get_absolute_url()}">Dr Jo Reviewer</a>, MD, psychiatrist' in html


def test_a_new_address_for_a_person_reaches_the_bylines_at_once(reviewed_article, reviewer):
    Client().get(reviewed_article.get_absolute_url())  # the page is kept
    reviewer.slug = "jo-reviewer"
    reviewer.save()
    html = Client().get(reviewed_article.get_absolute_url()).content.decode()
    assert '<a href="/people/jo-reviewer/">Dr Jo Reviewer</a>' in html
    assert Client().get("/people/jo-reviewer/").status_code == 200


def test_a_missing_reviewer_stays_pending_and_links_nowhere(make_article, writer):
    html = Client().get(make_article(author=writer).get_absolute_url()).content.decode()
    assert "<dt>Medically reviewed by</dt>\n    <dd>Medical review pending</dd>" in html


def test_an_editor_adds_a_person_without_typing_an_address_and_gets_one(admin_client):
    response = admin_client.post(
        "/admin/articles/person/add/",
        {"name": "Dr Ann Example", "slug": "", "credentials": "MD", "bio": "Works in *pain medicine*."},
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Dr Ann Example")
    assert person.slug == "dr-ann-example"
    assert person.bio_html == "<p>Works in <em>pain medicine</em>.</p>"


def test_an_address_another_person_has_is_refused_in_the_admin(admin_client, writer):
    response = admin_client.post("/admin/articles/person/add/", {"name": "Sam Other", "slug": writer.slug})
    assert response.status_code == 200
    assert "Person with this Address already exists." in response.content.decode()
    assert not Person.objects.filter(name="Sam Other").exists()
