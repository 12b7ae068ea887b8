from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from . import whole_page_cache
from .models import Article
from .page_cache import article_body, not_modified, page_etag, page_versions


class ArticleListView(ListView):
    """Home: the published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().only("title", "slug", "summary", "topic", "published_at")


class ArticleDetailView(DetailView):
    """One article with all its parts, in a fixed number of queries.

    Readers get published articles only. Staff who may change articles also open drafts
    and scheduled articles here, as readers will see them, under a "Preview" banner and
    never cached by the browser. The article body comes from the shared cache
    (page_cache.article_body), and an ETag lets a browser that has the page get a 304.
    Readers who carry nothing personal get the whole page from the cache (whole_page_cache).
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def may_preview(self) -> bool:
        user = self.request.user
        return user.is_active and user.is_staff and user.has_perm("articles.change_article")

    def get_queryset(self):
        articles = Article.objects.all() if self.may_preview() else Article.objects.published()
        return articles.select_related("author", "medical_reviewer")

    def get(self, request, *args, **kwargs):
        shared_key = whole_page_cache.key_for(request, kwargs["slug"]) if whole_page_cache.is_shared(request) else None
        if shared_key and (cached := whole_page_cache.cached_response(request, shared_key)):
            return cached
        try:
            self.object = self.get_object()
        except Http404:
            candidates = self.get_queryset().select_related(None)
            renamed = candidates.filter(old_addresses__slug=kwargs["slug"]).only("slug").first()
            if renamed is None:
                raise
            return HttpResponsePermanentRedirect(renamed.get_absolute_url())
        versions_seen = page_versions(self.object.pk)
        etag = page_etag(request, versions=versions_seen)
        if unchanged := not_modified(request, etag):
            return unchanged
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        response["ETag"] = etag
        if shared_key and not context["is_preview"]:
            response.add_post_render_callback(
                lambda rendered: whole_page_cache.store(request, shared_key, self.object.pk, versions_seen, rendered)
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.may_preview() and self.object.publication_state() != "Published"
        context["article_body"] = article_body(self.object)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response
