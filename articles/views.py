import secrets
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from . import page_cache, search
from .article_body import article_html, store_outdated_bodies
from .models import Article, Person, SitePage, Topic
from .old_addresses import redirect_from_old_address
from .permissions import may_edit_articles

# What a list of articles shows of each (articles/includes/article_card.html): title, summary, date, thumbnail.
CARD_FIELDS = ("title", "slug", "summary", "published_at", "lead_image", "lead_image_width", "lead_image_height")


class ArticleListView(ListView):
    """Home: the topics with something published in them, and the published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().only(*CARD_FIELDS)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topics=Topic.objects.with_published_articles(), **kwargs)


class TopicDetailView(ListView):
    """A topic's page: its name and description, and its published articles, newest first."""

    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.topic = Topic.objects.filter(slug=kwargs["slug"]).first()
        if self.topic is None:
            return redirect_from_old_address(Topic.objects.all(), kwargs["slug"], query=request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Not self.topic.articles: a related manager reads each row's deferred topic_id, a query per article.
        return Article.objects.published().filter(topic=self.topic).only(*CARD_FIELDS)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class SearchView(ListView):
    """Search of the published articles (/search/?q=, articles.search), 10 results a page.

    An empty query is the page with the search box and the topics; a query the form refuses (too
    long, several, a null byte) is that page with the reason, as a 400. Never indexed by search
    engines, and not in the sitemap: its addresses are the reader's words.
    """

    template_name = "articles/search.html"
    context_object_name = "results"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.form = search.SearchForm(request.GET)
        if not self.form.is_valid():
            self.object_list = Article.objects.none()
            return self.render_to_response(self.search_context(), status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.query = self.form.cleaned_data["q"]
        if not self.query:
            return Article.objects.none()
        store_outdated_bodies(Article.objects.published())
        return search.published_matches(self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for article in context["results"]:
            article.snippet = search.snippet(article, self.query)
        return context | self.search_context(query=self.query)

    def search_context(self, query: str = "") -> dict:
        return {
            "form": self.form,
            "query": query,
            "box_value": self.form.box_value(),
            # Suggestions on an empty, refused or fruitless search (only read by the template then).
            "topics": Topic.objects.with_published_articles(),
            "page_query": urlencode({"q": query}) + "&",
        }


def site_page(request, slug):
    """About, Editorial policy, Privacy, Contact...: one published site page, in one query.

    Not kept by page_cache: it is one indexed read of stored HTML (the Markdown was rendered on
    save); the site's name and the footer's links come from the shared cache.
    """
    pages = SitePage.objects.published()
    page = pages.only("title", "slug", "body_html", "updated_at").filter(slug=slug).first()
    if page is None:
        return redirect_from_old_address(pages, slug, query=request.GET)
    return render(request, "articles/sitepage_detail.html", {"site_page": page})


class PersonDetailView(DetailView):
    """A person's page: their credentials, bio, and the published articles they wrote or reviewed.

    Readers get it only for someone named on a published article: a person the site has not
    published (a reviewer lined up for a draft) is not announced, and a page that lists nothing
    helps no reader. Editors see every person's page, so a draft's byline links work in preview;
    such a page is never cached. The sitemap lists the same people (Person.objects.listed()), and an
    address a person had redirects readers only to a page they may see (else it is a 404 too).
    """

    model = Person
    template_name = "articles/person_detail.html"
    context_object_name = "person"

    def get(self, request, *args, **kwargs):
        listed = Person.objects.listed().filter(pk=OuterRef("pk"))  # the sitemap's rule, in the same query
        self.object = person = Person.objects.annotate(is_listed=Exists(listed)).filter(slug=kwargs["slug"]).first()
        if person is None:  # an old address leads where the page would be shown
            people = Person.objects.all() if may_edit_articles(request.user) else Person.objects.listed()
            return redirect_from_old_address(people, kwargs["slug"], query=request.GET)
        articles = list(
            Article.objects.published()
            .filter(Q(author=person) | Q(medical_reviewer=person))
            .only("title", "slug", "summary", "author_id", "medical_reviewer_id")
        )
        unlisted = not person.is_listed
        if unlisted and not may_edit_articles(request.user):
            raise Http404("No published article names this person.")
        response = self.render_to_response(
            self.get_context_data(
                written=[article for article in articles if article.author_id == person.pk],
                reviewed=[article for article in articles if article.medical_reviewer_id == person.pk],
            )
        )
        if unlisted:
            add_never_cache_headers(response)
        return response


def article_detail(request, slug):
    """One article with all its parts, in a fixed number of queries.

    A reader with none of the site's cookies and no query string gets the shared page
    (page_cache): from the cache with one read of the versions, or rendered once and kept,
    the same bytes for everyone, public to HTTP caches for a few seconds, with a strong ETag.
    Anyone else gets a page of their own, private, with an ETag known before rendering so an
    unchanged page costs a 304: the kept frame (no query for the article) joined with a comment
    section rendered for them. Staff who may change articles also open drafts and scheduled
    articles here, under a "Preview" banner and never cached.
    """
    shared = page_cache.is_shared(request)
    if shared and (page := page_cache.shared_page(request, slug)):
        return page.response(request)
    frame = page_cache.frame(request, slug)
    if frame is None:
        # Without the site's cookies nobody is signed in: request.user is not even looked at.
        may_preview = not shared and may_edit_articles(request.user)
        articles = Article.objects.all() if may_preview else Article.objects.published()
        # The body, people included, is stored on the row; the breadcrumb names the topic.
        article = articles.select_related("topic").filter(slug=slug).first()
        if article is None:
            return redirect_from_old_address(articles, slug, query=request.GET)
        frame = render_frame(request, article, versions=page_cache.page_versions(article.pk))
        if not may_preview:  # only a frame any reader could have had (no preview, nothing of staff's)
            page_cache.keep_frame(request, slug, frame)
    if shared:
        body = frame.page(render_comment_section(request, frame))
        return page_cache.keep_shared_page(request, slug, frame.article.pk, frame.versions, body).response(request)
    etag = page_cache.personal_etag(request, versions=frame.versions)
    unchanged = page_cache.conditional(request, page_cache.mark_personal(HttpResponse()), etag)
    if unchanged.status_code != 200:  # 304 (or 412): known without rendering
        return unchanged
    response = page_cache.mark_personal(_page_response(request, frame))
    response["ETag"] = etag
    return response


def render_article(request, article: Article, *, comment_form=None, status: int = 200) -> HttpResponse:
    """The article page for a refused comment: the form bound to what was sent, with its errors.

    The whole page is rendered (its title says "Error"): refusals are rare, nothing is kept.
    """
    versions = page_cache.page_versions(article.pk)
    frame = render_frame(request, article, versions=versions, comment_form=comment_form)
    return _page_response(request, frame, comment_form=comment_form, status=status)


def render_frame(request, article: Article, *, versions: tuple[str, str], comment_form=None) -> page_cache.Frame:
    """The one place the article page's template is rendered: everything but the comment section.

    The template gets a random marker where the section goes (a value no article can hold) and
    the page is split there once. A staff preview of an unpublished article says so in a banner;
    a published article never asks who the reader is.
    """
    is_preview = article.publication_state() != Article.PublicationState.PUBLISHED and may_edit_articles(request.user)
    hole = secrets.token_hex(16)
    context = {
        "article": article,
        "article_body": article_html(article),
        "is_preview": is_preview,
        "comment_form": comment_form,
        "comment_section": hole,
    }
    head, tail = (
        render_to_string("articles/article_detail.html", context, request=request).encode().split(hole.encode())
    )
    return page_cache.Frame(article, versions, head, tail, is_preview=is_preview)


def render_comment_section(request, frame: page_cache.Frame, *, comment_form=None) -> str:
    """The comment section for this request: the comments app's tags, placed by the article's template.

    A plain context, not the request's: nothing in the section reads what the context processors
    add (the site's name is in the frame), and the section is rendered for every personal page.
    """
    context = {
        "request": request,
        "article": frame.article,
        "versions": frame.versions,
        "is_preview": frame.is_preview,
        "comment_form": comment_form,
    }
    return render_to_string("articles/article_comments.html", context)


def _page_response(request, frame: page_cache.Frame, *, comment_form=None, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        frame.page(render_comment_section(request, frame, comment_form=comment_form)), status=status
    )
    if frame.is_preview:
        add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response
