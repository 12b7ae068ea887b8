"""The approved comments of one article, newest first, as RSS and Atom (under the article's address).

Only what the article's page shows every reader (CommentQuerySet.shown()): never a waiting,
refused or spam comment, nor a reply under a hidden one. A commenter is named by the name they
gave alone (RSS `<dc:creator>`, Atom `<author><name>`), never with their email, IP address or
website. Links start with the site's address (infusion_site.site_address), never the request's Host.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from articles.context_processors import site_name
from articles.feeds import FollowsOldAddresses
from articles.models import Article
from infusion_site.site_address import absolute_url, tag_uri

from .models import Comment, DiscussionSettings
from .threads import public_locations

# The newest comments a feed carries.
FEED_LENGTH = 30


class ArticleCommentsFeed(FollowsOldAddresses, Feed):
    """An article's newest approved comments (RSS 2.0); an unpublished or unknown article is a 404.

    An article closed to comments keeps its approved ones in the feed, as on its page; one with
    none is a valid, empty feed. At an address the article had before a rename, a 301 to its new
    feed (FollowsOldAddresses).
    """

    item_guid_is_permalink = False  # the guid is a tag: URI (item_guid), the link the address
    url_name = "comments:feed"

    def feed_pages(self):
        return Article.objects.published().only("title", "slug")

    def title(self, article):
        return f"Comments on “{article.title}” | {site_name(None)['site_name']}"

    def link(self, article):
        return absolute_url(article.get_absolute_url())

    def description(self, article):
        return f"The newest approved comments on “{article.title}”."

    def items(self, article):
        comments = list(
            Comment.objects.shown()
            .filter(article=article)
            .only("pk", "root_id", "name", "body_html", "created_at")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )
        per_page = DiscussionSettings.get_solo().comments_per_page
        locations = public_locations(article, comments, per_page=per_page)
        for comment in comments:  # on each comment, not on the feed: one Feed instance answers every request
            comment.location = absolute_url(locations[comment.pk])
        return comments

    def item_title(self, comment):
        return f"By {comment.name}"

    def item_description(self, comment):
        return comment.body_html  # sanitized on save with the strict comment rules, as the page shows it

    def item_link(self, comment):
        return comment.location

    def item_guid(self, comment):
        return tag_uri(comment.created_at.date(), f"comments/{comment.pk}")

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.name


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    """An article's newest approved comments as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = ArticleCommentsFeed.description
    url_name = "comments:feed-atom"
