from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Article


class ArticleListView(ListView):
    """Home: the published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().only("title", "slug", "summary", "topic", "published_at")


class ArticleDetailView(DetailView):
    """One published article with all its parts, in a fixed number of queries."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().prefetch_related(
            "takeaways",
            "sections",
            "faqs",
            Prefetch(
                "related_articles",
                queryset=Article.objects.published().only("title", "slug", "summary"),
                to_attr="published_related_articles",
            ),
        )
