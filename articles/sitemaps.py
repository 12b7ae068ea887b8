"""/sitemap.xml: every page readers may find, with when it last changed where the site knows it.

Home, published articles, topics with a published article, published site pages, and people
named on a published article: the same rules as the pages' own 404s. Pages deliberately left
out (search results, a comment's address, feeds) are named in docs/architecture.md.
Addresses start with the site's address (infusion_site.site_address), never the request's Host.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from infusion_site.site_address import site_origin

from .models import Article, Person, SitePage, Topic


def later(published, changed):
    """When a list of articles last changed, from its newest publication and content change: the
    rule Article.last_modified() keeps, applied to aggregated dates."""
    return Article(published_at=published, content_changed_at=changed).last_modified()


class SiteAddressSitemap(Sitemap):
    """A section of the sitemap whose addresses start with SITE_URL, whatever Host was asked.

    Sections give their items as lists: the paginator then counts them without a COUNT query.
    """

    def get_protocol(self, protocol=None):
        return urlsplit(site_origin()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_origin()).netloc


class HomeSitemap(SiteAddressSitemap):
    """Home lists the published articles: it changes when one is published or changes."""

    def items(self):
        return ["articles:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        newest = Article.objects.published().aggregate(published=Max("published_at"), changed=Max("content_changed_at"))
        return later(newest["published"], newest["changed"])


class ArticleSitemap(SiteAddressSitemap):
    def items(self):
        return list(Article.objects.published().only("slug", "published_at", "content_changed_at").order_by("pk"))

    def lastmod(self, article):
        return article.last_modified()


class TopicSitemap(SiteAddressSitemap):
    """Topics with a published article; a topic's page changes when one of them does."""

    def items(self):
        published = Q(articles__in=Article.objects.published())
        return list(
            Topic.objects.with_published_articles()
            .annotate(
                newest_published=Max("articles__published_at", filter=published),
                newest_change=Max("articles__content_changed_at", filter=published),
            )
            .only("slug")
            .order_by("pk")
        )

    def lastmod(self, topic):
        return later(topic.newest_published, topic.newest_change)


class SitePageSitemap(SiteAddressSitemap):
    def items(self):
        return list(SitePage.objects.published().only("slug", "updated_at").order_by("pk"))

    def lastmod(self, page):
        return page.updated_at


class PersonSitemap(SiteAddressSitemap):
    """People named on a published article (Person.objects.listed()); a person row has no date."""

    def items(self):
        return list(Person.objects.listed().only("slug").order_by("pk"))


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "pages": SitePageSitemap,
    "people": PersonSitemap,
}
