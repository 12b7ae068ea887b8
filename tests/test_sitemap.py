"""/sitemap.xml lists every page readers may find (home, published articles, topics with one,
published site pages, people named on one), with when it last changed, on the site's address."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article, Person, SitePage, Topic

SITE = "https://guide.example.org"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.SITE_URL = SITE


def sitemap(**headers) -> dict[str, str | None]:
    """Each address listed, with its lastmod."""
    response = Client().get("/sitemap.xml", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    return {url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.iter(f"{NS}url")}


@pytest.fixture
def site(make_article):
    """Something of every kind, shown and hidden."""
    now = timezone.now()
    shown_topic = Topic.objects.create(name="Pain", slug="pain")
    Topic.objects.create(name="Nothing yet", slug="nothing-yet")
    waiting_topic = Topic.objects.create(name="Only drafts", slug="only-drafts")
    author = Person.objects.create(name="Sam Writer")
    reviewer = Person.objects.create(name="Dr Jo Reviewer")
    Person.objects.create(name="Nobody Yet")
    lined_up = Person.objects.create(name="Dr Lined Up")
    make_article(slug="out-now", topic=shown_topic, author=author, medical_reviewer=reviewer)
    make_article(slug="a-draft", topic=waiting_topic, status=Article.Status.DRAFT, medical_reviewer=lined_up)
    make_article(slug="scheduled", topic=waiting_topic, author=lined_up, published_at=now + timedelta(days=1))
    SitePage.objects.create(title="About", slug="about", body="About us.", is_published=True)
    SitePage.objects.create(title="Unfinished", slug="unfinished", body="Soon.", is_published=False)


def test_sitemap_lists_exactly_what_readers_may_find(site):
    assert set(sitemap()) == {
        f"{SITE}/",
        f"{SITE}/articles/out-now/",
        f"{SITE}/topics/pain/",
        f"{SITE}/about/",
        f"{SITE}/people/sam-writer/",
        f"{SITE}/people/dr-jo-reviewer/",
    }


def test_every_listed_address_answers_and_every_person_left_out_is_404(site):
    for address in sitemap():
        assert Client().get(address.removeprefix(SITE)).status_code == 200, address
    listed = {address.removeprefix(SITE) for address in sitemap()}
    for person in Person.objects.all():
        status = Client().get(person.get_absolute_url()).status_code
        assert (person.get_absolute_url() in listed) == (status == 200), person


def test_lastmod_is_the_last_change_readers_saw(make_article):
    published = timezone.now() - timedelta(days=10)
    topic = Topic.objects.create(name="Pain", slug="pain")
    untouched = make_article(slug="untouched", topic=topic, published_at=published)
    edited = make_article(slug="edited", topic=topic, published_at=published - timedelta(days=5))
    # written as a draft long before it was published: its publication is when readers first saw it
    early = make_article(slug="drafted-early", published_at=published - timedelta(days=1))
    for article, changed in (
        (untouched, None),
        (edited, published + timedelta(days=3)),
        (early, published - timedelta(days=30)),
    ):
        Article.objects.filter(pk=article.pk).update(content_changed_at=changed)
    page = SitePage.objects.create(title="About", slug="about", body="About us.", is_published=True)

    listed = sitemap()

    day = lambda moment: timezone.localtime(moment).date().isoformat()  # noqa: E731
    assert listed[f"{SITE}/articles/untouched/"] == day(published)
    assert listed[f"{SITE}/articles/edited/"] == day(published + timedelta(days=3))
    assert listed[f"{SITE}/articles/drafted-early/"] == day(published - timedelta(days=1))
    assert listed[f"{SITE}/topics/pain/"] == day(published + timedelta(days=3))
    assert listed[f"{SITE}/"] == day(published + timedelta(days=3))
    assert listed[f"{SITE}/about/"] == day(page.updated_at)


def test_the_loaded_guide_its_topic_and_site_pages_are_listed(guide):
    listed = sitemap()
    assert f"{SITE}{guide.get_absolute_url()}" in listed
    assert f"{SITE}{guide.topic.get_absolute_url()}" in listed
    for page in SitePage.objects.published():
        assert f"{SITE}{page.get_absolute_url()}" in listed


def test_sitemap_addresses_are_the_pages_canonical_addresses(guide, settings):
    settings.ALLOWED_HOSTS = ["guide.example.org", "other.example.net"]
    listed = sitemap(HTTP_HOST="other.example.net")
    assert all(address.startswith(f"{SITE}/") for address in listed)
    # A reader on the site's address gets the same address as canonical.
    html = Client().get(guide.get_absolute_url(), HTTP_HOST="guide.example.org", secure=True).content.decode()
    canonical = html.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0]
    assert canonical in listed


def test_sitemap_query_count_does_not_grow_with_the_site(site, make_article, django_assert_max_num_queries):
    for number in range(20):
        topic = Topic.objects.create(name=f"Topic {number}", slug=f"topic-{number}")
        make_article(topic=topic, author=Person.objects.create(name=f"Writer {number}"), sections=0)
    # home, articles, topics, site pages, people; on a cold cache the Sites row, the site's name and
    # the footer's pages (the context processors run for the XML template too)
    with django_assert_max_num_queries(8):
        listed = sitemap()
    assert len(listed) == 6 + 20 * 3


@pytest.mark.parametrize("query", ["?p=2", "?p=abc", "?p=0", "?p=-1"])
def test_a_sitemap_page_that_does_not_exist_is_404(site, query):
    assert Client().get(f"/sitemap.xml{query}").status_code == 404


def test_site_pages_named_feeds_sitemap_or_robots_leave_those_addresses_working(db):
    call_command("load_guide", verbosity=0)
    for slug in ("feeds", "sitemap", "robots"):
        page = SitePage(title="A page", slug=slug, body="Text.", is_published=True)
        page.full_clean()  # none of these is an address the site answers: /feeds/ itself is free
        page.save()
        assert Client().get(f"/{slug}/").status_code == 200
    assert Client().get("/feeds/articles/").status_code == 200
    assert Client().get("/sitemap.xml")["Content-Type"] == "application/xml"
