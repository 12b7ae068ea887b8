"""The newest published articles as RSS and Atom: the whole site's, and each topic's.

Every link in a feed starts with the site's address (infusion_site.site_address), never the
request's Host: a feed reader keeps the links it was given. Authors are named by their name
alone (RSS `<dc:creator>`, Atom `<author><name>`): RSS's `<author>` holds an email address,
which the site never publishes.
"""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from infusion_site.site_address import absolute_url, tag_uri

from .context_processors import site_name
from .models import Article, Topic
from .old_addresses import redirect_from_old_address

# How many of the newest articles a feed carries: what a reader polling once a day could have missed.
FEED_LENGTH = 20


class FollowsOldAddresses:
    """A feed of one page (a topic's articles, an article's comments), at `url_name` with the page's
    slug. At an address the page had before a rename it answers a 301 to its feed now, as the page's
    own old address does (articles.old_addresses): a subscription outlives the rename."""

    url_name: str

    def feed_pages(self) -> QuerySet:
        """The pages this feed may be of: get_object() finds one by its slug, the redirect by an old one."""
        raise NotImplementedError

    def __call__(self, request, slug):
        try:
            return super().__call__(request, slug=slug)
        except Http404:
            return redirect_from_old_address(self.feed_pages(), slug, url_name=self.url_name)

    def get_object(self, request, slug):
        return self.feed_pages().get(slug=slug)  # Feed turns the DoesNotExist into a 404

    def feed_url(self, page):
        return absolute_url(reverse(self.url_name, kwargs={"slug": page.slug}))


class LatestArticlesFeed(Feed):
    """The site's newest published articles (RSS 2.0)."""

    item_guid_is_permalink = False  # the guid is a tag: URI (item_guid), the link the address

    def title(self):
        return f"{site_name(None)['site_name']}: newest articles"

    def link(self):
        return absolute_url(reverse("articles:list"))

    def feed_url(self):
        return absolute_url(reverse("articles:feed"))

    def description(self):
        return f"The newest guides published on {site_name(None)['site_name']}."

    def author_name(self):
        """The site, as the feed's author: Atom requires one for an entry whose article names nobody."""
        return site_name(None)["site_name"]

    def items(self):
        return self.articles(Article.objects.published())

    @staticmethod
    def articles(published):
        # The author's name and address are on every item: one query with the articles.
        return published.select_related("author", "topic").order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # HTML to a feed reader (RSS <description>, Atom <summary type="html">); the summary is plain
        # text, shown escaped on the page: "< 1 mg" must not open a tag there either.
        return escape(article.summary)

    def item_link(self, article):
        return absolute_url(article.get_absolute_url())

    def item_guid(self, article):
        return tag_uri(article.created_at.date(), f"articles/{article.pk}")

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_modified()

    def item_author_name(self, article):
        return article.author.name if article.author else None

    def item_author_link(self, article):
        return absolute_url(article.author.get_absolute_url()) if article.author else None

    def item_categories(self, article):
        return [article.topic.name] if article.topic else []


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The same articles as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description

    def feed_url(self):
        return absolute_url(reverse("articles:feed-atom"))


class TopicArticlesFeed(FollowsOldAddresses, LatestArticlesFeed):
    """One topic's newest published articles (RSS 2.0); an unknown topic is a 404, one renamed a 301."""

    url_name = "articles:topic-feed"

    def feed_pages(self):
        return Topic.objects.all()

    def title(self, topic):
        return f"{topic.name} | {site_name(None)['site_name']}"

    def link(self, topic):
        return absolute_url(topic.get_absolute_url())

    def description(self, topic):
        return topic.description or f"The newest guides on {topic.name} from {site_name(None)['site_name']}."

    def items(self, topic):
        return self.articles(Article.objects.published().filter(topic=topic))


class TopicArticlesAtomFeed(TopicArticlesFeed):
    """One topic's newest published articles as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = TopicArticlesFeed.description
    url_name = "articles:topic-feed-atom"
