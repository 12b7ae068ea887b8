"""An old address asked with a query string (a page number) redirects with it: /topics/old/?page=2
leads to page 2 of the new address, not page 1. The query never changes which site it leads to."""

import pytest
from django.test import Client

from articles.models import Article, Person, SitePage, Topic


def rename(page, slug):
    page.slug = slug
    page.full_clean()
    page.save()


@pytest.fixture
def topic_of_two_pages(make_article):
    topic = Topic.objects.create(name="Pain", slug="pain")
    for _ in range(21):  # 20 a page
        make_article(topic=topic, sections=0, takeaways=0, faqs=0)
    return topic


def test_an_old_topic_address_with_a_page_number_leads_to_that_page(topic_of_two_pages):
    rename(topic_of_two_pages, "chronic-pain")
    response = Client().get("/topics/pain/?page=2", follow=True)
    assert response.redirect_chain == [("/topics/chronic-pain/?page=2", 301)]
    assert response.context["page_obj"].number == 2


@pytest.mark.parametrize(
    ("make", "old", "new"),
    [
        (lambda make_article: make_article(slug="first-name"), "/articles/first-name/", "/articles/new-name/"),
        (
            lambda make_article: (
                make_article(medical_reviewer=Person.objects.create(name="Jo", slug="jo")).medical_reviewer
            ),
            "/people/jo/",
            "/people/new-name/",
        ),
        (
            lambda make_article: SitePage.objects.create(title="About", slug="about", body="Us.", is_published=True),
            "/about/",
            "/new-name/",
        ),
    ],
    ids=["article", "person", "site page"],
)
def test_the_old_address_of_an_article_person_or_site_page_keeps_the_query(make_article, make, old, new):
    rename(make(make_article), "new-name")
    response = Client().get(f"{old}?comments-page=2")
    assert (response.status_code, response["Location"]) == (301, f"{new}?comments-page=2")


@pytest.mark.parametrize(
    "query",
    ["next=https://evil.example/", "//evil.example", "@evil.example", "a=%0d%0aSet-Cookie:x=1", "%ff%fe=%"],
)
def test_no_query_leads_off_the_site_or_breaks_the_redirect(topic_of_two_pages, query):
    rename(topic_of_two_pages, "chronic-pain")
    response = Client().get(f"/topics/pain/?{query}")
    assert response.status_code == 301
    location = response["Location"]
    assert location.startswith("/topics/chronic-pain/?") and "\n" not in location and "\r" not in location
    assert "Set-Cookie" not in response.cookies


def test_an_old_address_without_a_query_gets_none(topic_of_two_pages):
    rename(topic_of_two_pages, "chronic-pain")
    assert Client().get("/topics/pain/")["Location"] == "/topics/chronic-pain/"
    assert Article.objects.count() == 21
