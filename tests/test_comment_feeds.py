"""An article's comment feed (RSS and Atom): the approved comments its page shows, never a commenter's
email or IP address, each linked to where it is on the page."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, DiscussionSettings

SITE = "https://guide.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
FEEDS = ["comments:feed", "comments:feed-atom"]


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.SITE_URL = SITE


def feed(article, name: str = "comments:feed"):
    response = Client().get(reverse(name, args=[article.slug]))
    assert response.status_code == 200
    return response


def links(response) -> set[str]:
    root = ElementTree.fromstring(response.content)
    rss = {item.findtext("link") for item in root.iter("item")}
    atom = {entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")}
    return rss | atom


@pytest.mark.parametrize("name", FEEDS)
def test_comment_feed_lists_exactly_the_approved_comments(name, make_article, make_comment):
    article = make_article(slug="talked-about")
    approved = make_comment(article, body="Helpful, thanks.")
    reply = make_comment(article, parent=approved, body="Agreed.")
    make_comment(article, status=Comment.Status.PENDING, body="Waiting.")
    make_comment(article, status=Comment.Status.SPAM, body="Buy now.")
    make_comment(article, status=Comment.Status.REMOVED, body="Removed.")
    hidden_parent = make_comment(article, status=Comment.Status.PENDING)
    make_comment(article, parent=hidden_parent, body="A reply under a waiting comment.")
    make_comment(make_article(slug="elsewhere"), body="On another article.")

    response = feed(article, name)

    page = f"{SITE}/articles/talked-about/"
    assert links(response) == {f"{page}#comment-{approved.pk}", f"{page}#comment-{reply.pk}"}
    text = response.content.decode()
    for hidden in ("Waiting.", "Buy now.", "Removed.", "A reply under a waiting comment.", "On another article."):
        assert hidden not in text


@pytest.mark.parametrize("name", FEEDS)
def test_comment_feed_never_carries_an_email_or_ip_address(name, make_article, make_comment):
    article = make_article()
    make_comment(article, name="Ann Reader", email="ann.private@example.com", ip_address="203.0.113.7")
    make_comment(
        article, name="Bo", email="bo@example.net", ip_address="2001:db8::1", website="https://bo.example.net/"
    )

    response = feed(article, name)

    body = response.content
    for private in (b"ann.private@example.com", b"bo@example.net", b"203.0.113.7", b"2001:db8::1", b"@"):
        assert private not in body
    root = ElementTree.fromstring(body)
    names = {item.findtext(f"{DC}creator") for item in root.iter("item")} | {
        entry.findtext(f"{ATOM}author/{ATOM}name") for entry in root.iter(f"{ATOM}entry")
    }
    assert names == {"Ann Reader", "Bo"}
    assert not list(root.iter("author"))  # RSS's <author> holds an email address


def test_comment_items_have_the_comment_text_and_date(make_article, make_comment):
    article = make_article()
    comment = make_comment(article, name="Ann Reader", body="It *helped* me.")

    item = next(ElementTree.fromstring(feed(article).content).iter("item"))

    assert item.findtext("title") == "By Ann Reader"
    assert item.findtext("description") == "<p>It <em>helped</em> me.</p>"
    assert item.findtext("pubDate") == comment.created_at.strftime("%a, %d %b %Y %H:%M:%S +0000")


def test_a_comment_on_a_later_page_of_threads_links_to_that_page(make_article, make_comment, one_thread_per_page):
    article = make_article(slug="busy")
    first = make_comment(article)
    second = make_comment(article)
    reply = make_comment(article, parent=second)

    page = f"{SITE}/articles/busy/"
    assert links(feed(article)) == {
        f"{page}#comment-{first.pk}",
        f"{page}?comments-page=2#comment-{second.pk}",
        f"{page}?comments-page=2#comment-{reply.pk}",
    }
    # the page named shows it
    assert f'id="comment-{reply.pk}"' in Client().get("/articles/busy/?comments-page=2").content.decode()


@pytest.mark.parametrize("name", FEEDS)
def test_an_article_with_no_comments_or_closed_comments_has_a_valid_feed(name, make_article, make_comment):
    quiet = make_article(slug="quiet")
    closed = make_article(slug="closed", comments_open=False)
    kept = make_comment(closed)

    assert links(feed(quiet, name)) == set()
    assert links(feed(closed, name)) == {f"{SITE}/articles/closed/#comment-{kept.pk}"}  # as its page still shows it


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("slug", ["no-such-article", "a-draft", "scheduled"])
def test_comment_feed_of_an_unknown_or_unpublished_article_is_404(name, slug, make_article, make_comment):
    draft = make_article(slug="a-draft", status=Article.Status.DRAFT)
    make_comment(draft)
    make_article(slug="scheduled", published_at=timezone.now() + timedelta(days=1))
    assert Client().get(reverse(name, args=[slug])).status_code == 404


@pytest.mark.parametrize("name", FEEDS)
def test_comment_feed_query_count_does_not_grow_with_comments(
    name, make_article, make_comment, django_assert_max_num_queries
):
    article = make_article()
    for _ in range(40):
        make_comment(article, parent=make_comment(article), body="A reply.")
    DiscussionSettings.get_solo()  # a running site has its rules' row (made on first use)
    # The article, its comments, the threads' order; on a cold cache the site's name, the Sites row
    # and the discussion settings.
    with django_assert_max_num_queries(6):
        response = Client().get(reverse(name, args=[article.slug]) + "?utm_source=reader")
    assert len(links(response)) == 30


def test_the_article_page_names_its_comment_feed(guide):
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Comments on {guide.title} (RSS)" '
        f'href="{guide.get_absolute_url()}feed/">' in html
    )
    assert f'title="Comments on {guide.title} (Atom)" href="{guide.get_absolute_url()}feed/atom/"' in html
    assert 'href="/feeds/articles/"' in html  # the site's feed, as on every page


def test_a_renamed_article_names_its_comment_feed_by_the_new_title_on_the_kept_page(guide):
    Client().get(guide.get_absolute_url())  # the shared page and its frame are kept
    Client(headers={"cookie": "comment_author=x"}).get(guide.get_absolute_url())
    guide.title = "Ketamine Infusion, Explained"
    guide.save()

    shared = Client().get(guide.get_absolute_url()).content.decode()
    personal = Client(headers={"cookie": "comment_author=x"}).get(guide.get_absolute_url()).content.decode()

    for html in (shared, personal):
        assert 'title="Comments on Ketamine Infusion, Explained (RSS)"' in html


def test_a_comment_keeps_its_id_when_it_moves_to_another_page_of_threads(make_article, make_comment):
    article = make_article(slug="growing")
    first, second = make_comment(article), make_comment(article)

    def ids():
        return {
            entry.findtext(f"{ATOM}id")
            for entry in ElementTree.fromstring(feed(article, "comments:feed-atom").content).iter(f"{ATOM}entry")
        }

    before = ids()
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 1
    rules.save()
    assert f"{SITE}/articles/growing/?comments-page=2#comment-{second.pk}" in links(feed(article))
    assert ids() == before and len(before) == 2 and first.pk != second.pk


@pytest.mark.parametrize("name", FEEDS)
def test_the_comment_feed_at_an_address_the_article_had_redirects_to_its_new_feed(name, make_article):
    article = make_article(slug="old-name")
    article.slug = "new-name"
    article.save()

    response = Client().get(reverse(name, args=["old-name"]))

    assert response.status_code == 301
    assert response["Location"] == reverse(name, args=["new-name"])
