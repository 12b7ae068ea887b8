"""Search engines read the article page's JSON-LD (a MedicalWebPage and its breadcrumb): it parses, it says
what the page shows (headline, dates, people, references, trail), and no text in it can end its element."""

import json
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.test import Client
from django.utils import timezone

from articles.models import Article, Person, Reference, Topic


class PageFacts(HTMLParser):
    """What a reader and a search engine read on a page: the JSON-LD, the h1, the byline's dates and
    reviewer, the breadcrumb's links, the references' links, the canonical address."""

    def __init__(self, html: str):
        super().__init__()
        self.json_ld: list[str] = []
        self.h1 = ""
        self.byline: dict[str, dict] = {}  # label -> {"text", "datetime", "href"}
        self.breadcrumb: list[tuple[str, str]] = []
        self.reference_links: list[str] = []
        self.canonical = ""
        self._open: list[str] = []  # what the data that follows belongs to
        self._label = ""
        self._json = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._json = ""
        elif tag == "h1":
            self._open.append("h1")
        elif tag == "dl" and "medical-review" in classes:
            self._open.append("byline")
        elif tag == "nav" and "breadcrumb" in classes:
            self._open.append("breadcrumb")
        elif tag == "section" and attributes.get("id") == "references":
            self._open.append("references")
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes["href"]
        elif tag == "dt" and "byline" in self._open:
            self._label = ""
            self._open.append("dt")
        elif tag == "dd" and "byline" in self._open:
            self.byline[self._label] = {"text": "", "datetime": None, "href": None}
            self._open.append("dd")
        elif tag == "time" and "dd" in self._open:
            self.byline[self._label]["datetime"] = attributes["datetime"]
        elif tag == "a" and "dd" in self._open:
            self.byline[self._label]["href"] = attributes["href"]
        elif tag == "a" and "breadcrumb" in self._open:
            self.breadcrumb.append(("", attributes["href"]))
        elif tag == "a" and "references" in self._open:
            self.reference_links.append(attributes["href"])

    def handle_data(self, data):
        if self._json is not None:
            self._json += data
        elif self._open and self._open[-1] == "h1":
            self.h1 += data
        elif self._open and self._open[-1] == "dt":
            self._label += data
        elif self._open and self._open[-1] == "dd":
            self.byline[self._label]["text"] += data
        elif self._open and self._open[-1] == "breadcrumb" and self.breadcrumb:
            name, href = self.breadcrumb[-1]
            self.breadcrumb[-1] = (name + data.strip(), href)

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            self.json_ld.append(self._json)
            self._json = None
        closes = {"h1": "h1", "dl": "byline", "nav": "breadcrumb", "section": "references", "dt": "dt", "dd": "dd"}
        if tag in closes and closes[tag] in self._open:
            self._open.remove(closes[tag])

    def graph(self) -> dict[str, dict]:
        """The page's one JSON-LD element, parsed, its nodes by type."""
        assert len(self.json_ld) == 1
        data = json.loads(self.json_ld[0])
        assert data["@context"] == "https://schema.org"
        return {node["@type"]: node for node in data["@graph"]}


def facts_of(path: str, client: Client | None = None) -> PageFacts:
    response = (client or Client()).get(path)
    assert response.status_code == 200
    return PageFacts(response.content.decode())


def trail_of(graph: dict) -> list[tuple[str, str]]:
    items = graph["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"]) for item in items]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@pytest.fixture
def reviewed(make_article):
    """An article with a real reviewer and review date, changed days after it was published."""
    reviewer = Person.objects.create(name="Dr Jo Reviewer", credentials="MD, anesthesiologist")
    published = timezone.now().replace(microsecond=0) - timedelta(days=10)
    article = make_article(
        title="Reviewed article",
        slug="reviewed-article",
        topic=Topic.objects.create(name="Pain", slug="pain"),
        author=Person.objects.create(name="Ann Writer"),
        medical_reviewer=reviewer,
        last_reviewed=date(2026, 11, 2),
        published_at=published,
    )
    Reference.objects.create(article=article, title="A trial", publisher="A journal", url="https://example.org/trial")
    Reference.objects.create(article=article, title="A book without a link")
    return article


def test_the_guides_json_ld_parses_and_says_what_its_page_shows(guide):
    page = facts_of(guide.get_absolute_url())
    graph = page.graph()
    web_page = graph["MedicalWebPage"]
    assert web_page["headline"] == page.h1.strip() == guide.title
    assert web_page["description"] == guide.summary
    assert web_page["url"] == web_page["mainEntityOfPage"] == page.canonical
    assert web_page["inLanguage"] == "en-us"
    assert web_page["datePublished"] == page.byline["Published"]["datetime"]
    assert web_page["dateModified"] == (page.byline.get("Last updated") or page.byline["Published"])["datetime"]
    # The guide's author is its editorial team, and its byline names it.
    assert web_page["author"]["@type"] == "Organization"
    assert web_page["author"]["name"] == page.byline["Written by"]["text"].strip()
    assert web_page["author"]["url"] == absolute(page.byline["Written by"]["href"])
    assert web_page["publisher"]["name"] == Site.objects.get_current().name == "Ketamine Infusion"
    assert web_page["about"] == {"@type": "Thing", "name": guide.topic.name, "url": absolute(page.breadcrumb[1][1])}
    citations = web_page["citation"]
    assert len(citations) == guide.references.count()
    assert [citation["url"] for citation in citations if "url" in citation] == page.reference_links
    assert trail_of(graph) == [(name, absolute(href)) for name, href in page.breadcrumb]
    assert len(page.breadcrumb) == 3


def test_the_guide_with_its_review_pending_tells_search_engines_of_no_review(guide):
    page = facts_of(guide.get_absolute_url())
    assert page.byline["Medically reviewed by"]["text"].strip() == "Medical review pending"
    web_page = page.graph()["MedicalWebPage"]
    assert "reviewedBy" not in web_page
    assert "lastReviewed" not in web_page


def test_a_reviewed_article_names_its_reviewer_and_review_date_as_its_byline_does(reviewed):
    reviewed.sections.first().save()  # a change readers see, days after publication: "Last updated"
    page = facts_of(reviewed.get_absolute_url())
    web_page = page.graph()["MedicalWebPage"]
    shown = page.byline["Medically reviewed by"]
    assert web_page["reviewedBy"]["@type"] == "Person"
    assert web_page["reviewedBy"]["name"] in shown["text"]
    assert web_page["reviewedBy"]["name"] == "Dr Jo Reviewer"
    assert web_page["reviewedBy"]["url"] == absolute(shown["href"])
    assert web_page["reviewedBy"]["hasCredential"]["name"] == "MD, anesthesiologist"
    assert web_page["lastReviewed"] == page.byline["Last reviewed"]["datetime"] == "2026-11-02"
    assert web_page["author"] == {"@type": "Person", "name": "Ann Writer", "url": absolute("/people/ann-writer/")}
    assert web_page["datePublished"] == page.byline["Published"]["datetime"]
    assert "Last updated" in page.byline
    assert web_page["dateModified"] == page.byline["Last updated"]["datetime"] != web_page["datePublished"]
    assert web_page["citation"] == [
        {"@type": "CreativeWork", "name": "A trial", "url": "https://example.org/trial"},
        {"@type": "CreativeWork", "name": "A book without a link"},
    ]
    assert page.reference_links == ["https://example.org/trial"]
    assert trail_of(page.graph()) == [
        ("Home", absolute("/")),
        ("Pain", absolute("/topics/pain/")),
        ("Reviewed article", absolute("/articles/reviewed-article/")),
    ]
    assert trail_of(page.graph()) == [(name, absolute(href)) for name, href in page.breadcrumb]


def test_a_title_that_closes_the_script_element_stays_inside_it(make_article):
    title = "</script><script>alert(1)</script> <!-- \u2028\u2029 & more"
    article = make_article(title=title, slug="hostile")
    Reference.objects.create(article=article, title="<!--<script>", url="https://example.org/</script>")
    response = Client().get(article.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    page = PageFacts(html)
    web_page = page.graph()["MedicalWebPage"]  # one element, and it parses
    assert web_page["headline"] == title
    assert web_page["citation"][0] == {
        "@type": "CreativeWork",
        "name": "<!--<script>",
        "url": "https://example.org/</script>",
    }
    assert "\u2028" not in page.json_ld[0] and "\u2029" not in page.json_ld[0]


@pytest.mark.parametrize("client_kind", ["new reader", "remembered reader"])
def test_an_edit_to_a_reference_or_the_reviewer_shows_in_the_json_ld_on_the_next_request(reviewed, client_kind):
    client = Client()
    if client_kind == "remembered reader":  # a personal page: the kept frame holds the head
        client.cookies["comment_author"] = '{"name": "Ann"}'
    path = reviewed.get_absolute_url()
    facts_of(path, client)
    facts_of(path, client)  # kept now
    reference = reviewed.references.get(title="A trial")
    reference.title = "A larger trial"
    reference.save()
    assert facts_of(path, client).graph()["MedicalWebPage"]["citation"][0]["name"] == "A larger trial"
    reviewer = reviewed.medical_reviewer
    reviewer.name = "Dr Jo Renamed"
    reviewer.save()
    assert facts_of(path, client).graph()["MedicalWebPage"]["reviewedBy"]["name"] == "Dr Jo Renamed"
    reviewed.medical_reviewer = None
    reviewed.save()
    assert not {"reviewedBy", "lastReviewed"} & facts_of(path, client).graph()["MedicalWebPage"].keys()


def test_a_reviewer_without_a_review_date_is_no_review_claimed(reviewed):
    reviewed.last_reviewed = None
    reviewed.save()
    page = facts_of(reviewed.get_absolute_url())
    assert "Dr Jo Reviewer" in page.byline["Medically reviewed by"]["text"]
    assert not {"reviewedBy", "lastReviewed"} & page.graph()["MedicalWebPage"].keys()


def test_a_topic_pages_breadcrumb_is_told_to_search_engines_as_shown(guide):
    page = facts_of(guide.topic.get_absolute_url())
    assert trail_of(page.graph()) == [(name, absolute(href)) for name, href in page.breadcrumb]
    assert [name for name, _ in page.breadcrumb] == ["Home", guide.topic.name]


def test_rendering_the_article_page_reads_no_person_and_no_reference(reviewed, django_assert_max_num_queries):
    """The JSON-LD's people and references are kept with the body: the page's queries stay as they were."""
    client = Client()
    client.get("/")  # the site's name is cached after this
    with django_assert_max_num_queries(9) as queries:
        response = client.get(reviewed.get_absolute_url())
    assert response.status_code == 200
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "articles_person" not in read and "articles_reference" not in read


def test_the_first_page_after_a_deploy_tells_search_engines_of_the_people_and_references(reviewed):
    """A row from before structured data was kept (or made with other templates) is made again on its
    first read, and that very page says who wrote and reviewed it and on what sources."""
    Article.objects.filter(pk=reviewed.pk).update(linked_data={}, body_html_version="")
    web_page = facts_of(reviewed.get_absolute_url()).graph()["MedicalWebPage"]
    assert web_page["author"]["name"] == "Ann Writer"
    assert web_page["reviewedBy"]["name"] == "Dr Jo Reviewer"
    assert [citation["name"] for citation in web_page["citation"]] == ["A trial", "A book without a link"]


def test_a_renamed_site_is_the_publisher_on_the_next_request_and_the_first_crumb_stays_home(guide):
    path = guide.get_absolute_url()
    facts_of(path)  # kept now
    site = Site.objects.get_current()
    site.name = "Infusion Guides"
    site.save()
    page = facts_of(path)
    graph = page.graph()
    assert graph["MedicalWebPage"]["publisher"]["name"] == "Infusion Guides"
    assert trail_of(graph)[0][0] == page.breadcrumb[0][0] == "Home"
