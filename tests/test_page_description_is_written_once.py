"""A page's description has one home: the search engines' description, og:description and
twitter:description are written from it, so they agree on every page that has one."""

import re
from html import unescape

import pytest
from django.test import Client

from articles.models import Person, SitePage, Topic

TAG = re.compile(r'<meta (?:name|property)="((?:og:|twitter:)?description)" content="([^"]*)">')


def descriptions(path: str) -> dict[str, str]:
    response = Client().get(path)
    assert response.status_code == 200
    found = TAG.findall(response.content.decode())
    assert len(found) == 3, found  # each once
    return dict(found)


@pytest.fixture
def pages(make_article):
    topic = Topic.objects.create(name="Pain", slug="pain", description='Pain & "relief": <what helps>.')
    plain = Topic.objects.create(name="Sleep", slug="sleep")
    person = Person.objects.create(name="Dr Jo Reviewer", credentials="MD & PhD", slug="jo")
    article = make_article(slug="guide", topic=topic, medical_reviewer=person, summary='Ketamine "infusions" & you.')
    make_article(topic=plain)
    SitePage.objects.create(title="About & us", slug="about", body="Us.", is_published=True)
    return article


# The search engines' description as it read before it had one home (example.com: the test site's name).
EXPECTED = {
    "/": "Guides from example.com.",
    "/topics/pain/": "Pain &amp; &quot;relief&quot;: &lt;what helps&gt;.",
    "/topics/sleep/": "Articles on Sleep from example.com.",
    "/people/jo/": "Dr Jo Reviewer, MD &amp; PhD: articles written or medically reviewed for example.com.",
    "/about/": "About &amp; us: example.com.",
    "/articles/guide/": "Ketamine &quot;infusions&quot; &amp; you.",
    "/search/": "Search the articles of example.com.",
    "/your-comments/": "Ask for a copy of the comments you posted with your email address, or for their erasure.",
}


@pytest.mark.parametrize("path", list(EXPECTED))
def test_description_og_description_and_twitter_description_agree(pages, path):
    found = descriptions(path)
    assert set(found) == {"description", "og:description", "twitter:description"}
    assert found["description"] == found["og:description"] == found["twitter:description"]
    assert unescape(found["description"]).strip()


@pytest.mark.parametrize("path", list(EXPECTED))
def test_the_description_reads_as_it_did(pages, path):
    assert descriptions(path)["description"] == EXPECTED[path]
