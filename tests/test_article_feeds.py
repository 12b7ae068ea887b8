"""Feeds of the newest articles (RSS and Atom), the site's and each topic's: exactly what is published,
with links on the site's address, and pages that tell feed readers where they are."""

from datetime import timedelta
from html import unescape
from xml.etree import ElementTree

import pytest
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Person, Topic

SITE = "https://guide.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Chronic Pain", slug="chronic-pain", description="Pain that lasts for months.")


@pytest.fixture
def mixed_articles(make_article, topic):
    """One of each state in the topic, and one published elsewhere."""
    now = timezone.now()
    return {
        "published": make_article(title="Out now", slug="out-now", topic=topic, published_at=now - timedelta(days=1)),
        "draft": make_article(title="A draft", slug="a-draft", topic=topic, status=Article.Status.DRAFT),
        "scheduled": make_article(
            title="Scheduled", slug="scheduled", topic=topic, published_at=now + timedelta(days=1)
        ),
        "elsewhere": make_article(title="In no topic", slug="in-no-topic", published_at=now - timedelta(days=2)),
    }


def fetch(address: str, **headers) -> ElementTree.Element:
    response = Client().get(address, **headers)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def rss_links(root) -> list[str]:
    return [item.findtext("link") for item in root.iter("item")]


def atom_links(root) -> list[str]:
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def test_site_feed_lists_exactly_the_published_articles_newest_first(mixed_articles):
    rss = fetch(reverse("articles:feed"))
    atom = fetch(reverse("articles:feed-atom"))
    expected = [f"{SITE}/articles/out-now/", f"{SITE}/articles/in-no-topic/"]
    assert rss_links(rss) == expected
    assert atom_links(atom) == expected
    assert [item.findtext("title") for item in rss.iter("item")] == ["Out now", "In no topic"]


def test_topic_feed_lists_only_that_topics_published_articles(mixed_articles, topic):
    expected = [f"{SITE}/articles/out-now/"]
    assert rss_links(fetch(reverse("articles:topic-feed", args=[topic.slug]))) == expected
    assert atom_links(fetch(reverse("articles:topic-feed-atom", args=[topic.slug]))) == expected


def test_feed_items_carry_the_summary_dates_author_name_and_topic(make_article, topic):
    author = Person.objects.create(name="Sam Writer")
    published_at = timezone.now().replace(microsecond=0) - timedelta(days=3)
    make_article(title="Dated", slug="dated", topic=topic, author=author, published_at=published_at, summary="Short.")

    item = next(fetch(reverse("articles:feed")).iter("item"))
    entry = next(fetch(reverse("articles:feed-atom")).iter(f"{ATOM}entry"))

    assert item.findtext("description") == "Short."
    assert item.findtext("pubDate") == published_at.strftime("%a, %d %b %Y %H:%M:%S +0000")
    assert item.findtext(f"{DC}creator") == "Sam Writer"
    assert item.find("author") is None  # RSS's <author> is an email address
    assert item.findtext("category") == "Chronic Pain"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Sam Writer"
    assert entry.findtext(f"{ATOM}author/{ATOM}uri") == f"{SITE}/people/sam-writer/"
    assert entry.findtext(f"{ATOM}published") == published_at.isoformat()


def test_feed_links_use_the_sites_address_whatever_host_was_asked(mixed_articles, settings):
    settings.ALLOWED_HOSTS = ["*"]
    rss = fetch(reverse("articles:feed"), HTTP_HOST="other.example.net")
    atom = fetch(reverse("articles:feed-atom"), HTTP_HOST="other.example.net")
    assert rss.findtext("channel/link") == f"{SITE}/"
    assert atom.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE}/feeds/articles/atom/"
    assert all(link.startswith(f"{SITE}/") for link in rss_links(rss) + atom_links(atom))


def test_the_loaded_guide_is_in_the_site_feed_and_its_topics(guide):
    link = f"{SITE}{guide.get_absolute_url()}"
    assert link in rss_links(fetch(reverse("articles:feed")))
    assert link in atom_links(fetch(reverse("articles:topic-feed-atom", args=[guide.topic.slug])))


def test_a_topic_with_nothing_published_has_a_valid_empty_feed(topic):
    assert rss_links(fetch(reverse("articles:topic-feed", args=[topic.slug]))) == []
    assert atom_links(fetch(reverse("articles:topic-feed-atom", args=[topic.slug]))) == []


@pytest.mark.parametrize(
    "address", ["/topics/no-such-topic/feed/", "/topics/no-such-topic/feed/atom/", "/topics/%E2%80%A6/feed/"]
)
def test_unknown_topic_feed_is_404(db, address):
    assert Client().get(address).status_code == 404


@pytest.mark.parametrize(
    "name", ["articles:feed", "articles:feed-atom", "articles:topic-feed", "articles:topic-feed-atom"]
)
def test_feed_query_count_does_not_grow_with_articles(name, topic, make_article, django_assert_max_num_queries):
    author = Person.objects.create(name="Sam Writer")
    for number in range(25):
        make_article(title=f"Article {number}", topic=topic, author=author, sections=0, takeaways=0, faqs=0)
    address = reverse(name, args=[topic.slug] if "topic" in name else [])
    # The topic; the articles with their authors and topics; on a cold cache the site's name and the Sites row.
    with django_assert_max_num_queries(4):
        response = Client().get(f"{address}?utm_source=reader")
    assert response.status_code == 200
    assert response.content.count(b"<item>" if "atom" not in name else b"<entry>") == 20


def test_every_page_names_the_site_feed_and_a_topic_page_its_own(topic, mixed_articles):
    home = Client().get(reverse("articles:list")).content.decode()
    topic_page = Client().get(topic.get_absolute_url()).content.decode()
    for html in (home, topic_page):
        assert '<link rel="alternate" type="application/rss+xml" title="' in html
        assert 'href="/feeds/articles/"' in html and 'href="/feeds/articles/atom/"' in html
    assert 'title="Chronic Pain: newest articles (RSS)" href="/topics/chronic-pain/feed/"' in topic_page
    assert 'title="Chronic Pain: newest articles (Atom)" href="/topics/chronic-pain/feed/atom/"' in topic_page
    assert "/topics/chronic-pain/feed/" not in home


def test_an_item_keeps_its_id_when_the_article_is_renamed(make_article):
    article = make_article(slug="first-address")
    before = fetch(reverse("articles:feed-atom"))
    article.slug = "second-address"
    article.save()
    after = fetch(reverse("articles:feed-atom"))
    rss_guid = next(fetch(reverse("articles:feed")).iter("item")).find("guid")

    assert atom_links(after) == [f"{SITE}/articles/second-address/"]
    [kept_id] = [entry.findtext(f"{ATOM}id") for entry in after.iter(f"{ATOM}entry")]
    assert [entry.findtext(f"{ATOM}id") for entry in before.iter(f"{ATOM}entry")] == [kept_id]
    assert kept_id.startswith("tag:guide.example.org,")
    assert (rss_guid.text, rss_guid.get("isPermaLink")) == (kept_id, "false")


def test_an_article_naming_no_author_has_the_site_as_author_in_atom(make_article):
    make_article(title="Unsigned")
    atom = fetch(reverse("articles:feed-atom"))
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == Site.objects.get_current().name
    assert [entry.find(f"{ATOM}author") for entry in atom.iter(f"{ATOM}entry")] == [None]


@pytest.mark.parametrize("name", ["articles:topic-feed", "articles:topic-feed-atom"])
def test_the_topic_feed_at_an_address_the_topic_had_redirects_to_its_new_feed(name, topic):
    """As the topic's page does, and an article's comment feed: a subscription outlives the rename."""
    topic.slug = "long-lasting-pain"
    topic.save()

    response = Client().get(reverse(name, args=["chronic-pain"]))

    assert response.status_code == 301
    assert response["Location"] == reverse(name, args=["long-lasting-pain"])
    assert Client().get(reverse(name, args=["never-a-topic"])).status_code == 404


def test_a_summary_reads_in_a_feed_reader_as_on_the_page_its_characters_never_markup(make_article):
    """A feed item's description (Atom's <summary type="html">) is HTML to a feed reader; the
    summary is plain text, as the page shows it: "< 1 mg" must not open a tag, "<b>" not make bold."""
    summary = "Doses < 0.5 mg/kg & up to <b>1 mg</b>; see <script>alert(1)</script>."
    make_article(slug="odd-summary", summary=summary)

    item = next(fetch(reverse("articles:feed")).iter("item"))
    entry = next(fetch(reverse("articles:feed-atom")).iter(f"{ATOM}entry"))

    assert entry.find(f"{ATOM}summary").get("type") == "html"
    for html in (item.findtext("description"), entry.findtext(f"{ATOM}summary")):
        assert "<" not in html  # no tag a reader would render
        assert unescape(html) == summary
