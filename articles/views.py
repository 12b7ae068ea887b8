from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView

from . import page_cache
from .models import Article
from .permissions import may_edit_articles


class ArticleListView(ListView):
    """Home: the published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().only("title", "slug", "summary", "topic", "published_at")


def article_detail(request, slug):
    """One article with all its parts, in a fixed number of queries.

    A reader with none of the site's cookies and no query string gets the shared page
    (page_cache): from the cache with one read of the versions, or rendered once and kept,
    the same bytes for everyone, public to HTTP caches for a few seconds, with a strong ETag.
    Anyone else gets a page of their own, private, with an ETag known before rendering so an
    unchanged page costs a 304. Staff who may change articles also open drafts and scheduled
    articles here, under a "Preview" banner and never cached.
    """
    shared = page_cache.is_shared(request)
    if shared and (page := page_cache.shared_page(request, slug)):
        return page.response(request)
    # Without the site's cookies nobody is signed in: request.user is not even looked at.
    articles = Article.objects.all() if not shared and may_edit_articles(request.user) else Article.objects.published()
    article = articles.select_related("author", "medical_reviewer").filter(slug=slug).first()
    if article is None:
        renamed = articles.filter(old_addresses__slug=slug).only("slug").first()
        if renamed is None:
            raise Http404("No article at this address.")
        return HttpResponsePermanentRedirect(renamed.get_absolute_url())
    versions = page_cache.page_versions(article.pk)
    if shared:
        body = render_article(request, article).content
        return page_cache.keep_shared_page(request, slug, article.pk, versions, body).response(request)
    etag = page_cache.personal_etag(request, versions=versions)
    unchanged = page_cache.conditional(request, page_cache.mark_personal(HttpResponse()), etag)
    if unchanged.status_code != 200:  # 304 (or 412): known without rendering
        return unchanged
    response = page_cache.mark_personal(render_article(request, article))
    response["ETag"] = etag
    return response


def render_article(request, article: Article, *, comment_form=None, status: int = 200) -> HttpResponse:
    """The article page: the one place it is rendered, for a reader and for a refused comment.

    `comment_form` is a bound form sent back with its errors; without it the page has a new one.
    A staff preview of an unpublished article is never cached; a published article never asks
    who the reader is.
    """
    is_preview = article.publication_state() != Article.PublicationState.PUBLISHED and may_edit_articles(request.user)
    context = {
        "article": article,
        "article_body": page_cache.article_body(article),
        "is_preview": is_preview,
        "comment_form": comment_form,
    }
    response = render(request, "articles/article_detail.html", context, status=status)
    if is_preview:
        add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response
