"""The article body, made once on write and stored on its row (Article.body_html); pages join it.

The body shows the article, its parts (takeaways, sections, FAQ entries, references), its
topic's name and address, its people (author, medical reviewer), and, in a mental-health topic,
the site's crisis help (CrisisHelp), in the site's date format and time zone. Any save or delete
of the article or a part, and any edit of a person, a topic (one named on an article cannot be
deleted) or the crisis help, makes the body again through store_bodies(), the one path, which
then retires the cached pages.
The links to related articles are not in it: whether one shows depends on that other article's
publication and on the clock, so article_html() joins them when a page is read.

An admin form saves the article and then each inline part, one by one: inside
bodies_made_once() (the admin's change form, delete, recover and revision views, the guide
loader) each article is made once, when the block ends, not once per row.
"""

import hashlib
import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from . import image_sizes, search, structured_data
from .models import ARTICLE_PARTS, MADE_ON_WRITE, Article, CrisisHelp
from .page_cache import bump_content_version

BODY_TEMPLATE = "articles/includes/article_body.html"
# Every template the body is made of: a deploy that changes one makes the stored bodies again.
BYLINE_TEMPLATE = "includes/medical_review.html"
BODY_TEMPLATES = (
    BODY_TEMPLATE,
    BYLINE_TEMPLATE,
    "includes/person_link.html",
    "includes/toc.html",
    "includes/crisis_help.html",
)
# The crisis help box with the newline its template ends with (includes/crisis_help.html says why
# this finds exactly that). It is the site's, not the article's: a change to its text, or to
# whether the topic shows it, is no change to the article's "Last updated".
CRISIS_HELP = re.compile(r'<aside class="crisis-help".*?</aside>\n', re.DOTALL)

# The articles whose body waits for the end of the outermost bodies_made_once() in this thread.
_waiting = threading.local()


def render_body(article: Article, template: str = BODY_TEMPLATE, *, crisis_help: CrisisHelp | None = None) -> str:
    """The body's HTML (or one template of it): made in the site's language and time zone whoever
    saves, the same for everyone; with `crisis_help` under the title when one is given.

    Reads the parts through `article.<part>.all()`: a prefetch serves them (store_bodies).
    """
    with timezone.override(None), translation.override(settings.LANGUAGE_CODE):
        return get_template(template).render({"article": article, "crisis_help": crisis_help}).strip()


def dated_now(article: Article, body: str, *, crisis_help: CrisisHelp | None) -> str:
    """The body with "Last updated" now. Only the byline shows that date: it alone is made again."""
    byline = render_body(article, BYLINE_TEMPLATE)
    article.content_changed_at = timezone.now().replace(microsecond=0)
    if byline not in body:  # should the byline ever depend on what the body passes it: a whole new body
        return render_body(article, crisis_help=crisis_help)
    return body.replace(byline, render_body(article, BYLINE_TEMPLATE), 1)


def shows_crisis_help(article: Article) -> bool:
    """An article in a mental-health topic shows the site's crisis help near its top."""
    return bool(article.topic and article.topic.is_mental_health)


def saved_crisis_help() -> CrisisHelp:
    """The crisis help as its row holds it: django-solo's cached copy is written only after the
    save signals that make the bodies again, so it would still hold the text before an edit."""
    return CrisisHelp.objects.get_or_create(pk=CrisisHelp.singleton_instance_id)[0]


@cache
def body_version() -> str:
    """What a stored body was made with besides the article: its templates, date format, time zone,
    what the lead image's tag is written with (its `sizes`, image_sizes.SIZES; the media address),
    the shape of the structured data kept with it (structured_data.LINKED_PARTS_FORMAT) and the
    version of the search text stored with it (search.DOCUMENT_VERSION).

    A deploy that changes one of them changes this, and article_html() makes an older body again
    (through store_bodies) the first time a page shows it, as comments.threads does for comments.
    """
    with translation.override(settings.LANGUAGE_CODE):
        parts = [*(get_template(name).template.source for name in BODY_TEMPLATES), get_format("DATE_FORMAT")]
    parts += [
        settings.TIME_ZONE,
        image_sizes.SIZES,
        settings.MEDIA_URL,
        structured_data.LINKED_PARTS_FORMAT,
        search.DOCUMENT_VERSION,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def store_bodies(article_ids: Iterable[int]) -> dict[int, str]:
    """Make and store the bodies of these articles (with what their structured data needs of their
    people and references, structured_data.linked_parts(), and their search text), retire every cached
    page, and return the bodies.

    The one path a body is made by, and the search text with it (search.document()), so an edit
    of any part is found at once. An id whose article is gone is skipped (its pages are retired all
    the same).
    """
    articles = (
        Article.objects.filter(pk__in=list(article_ids))
        .select_related("topic", "author", "medical_reviewer")
        .prefetch_related(*ARTICLE_PARTS)
    )
    bodies = {}
    crisis_help = None  # read once, when the first article that shows it is made
    for article in articles:
        shown = None
        if shows_crisis_help(article):
            shown = crisis_help = crisis_help or saved_crisis_help()
        body = render_body(article, crisis_help=shown)
        # A body made with today's templates that reads differently is a change readers see: it
        # dates "Last updated" (shown in the body, so made again with it). One made again after a
        # deploy (another body_version()) or for the first time is not, nor one whose only change
        # is the site's crisis help.
        if article.body_html_version == body_version() and reads_differently(body, article.body_html):
            body = dated_now(article, body, crisis_help=shown)
        bodies[article.pk] = body
        # An UPDATE, not a save: the row's "last edited" and its signals are the edit's, not this.
        Article.objects.filter(pk=article.pk).update(
            body_html=body,
            body_html_version=body_version(),
            content_changed_at=article.content_changed_at,
            linked_data=structured_data.linked_parts(article),
            **search.document(article),
        )
    bump_content_version()  # after the bodies are stored: a page made before this read the old one
    return bodies


def reads_differently(body: str, stored: str) -> bool:
    """Whether the article reads differently in `body` than in `stored`, its crisis help box set apart."""
    return CRISIS_HELP.sub("", body) != CRISIS_HELP.sub("", stored)


def store_outdated_bodies(articles) -> None:
    """Make again the bodies (and search text) of these articles that were made with another body_version().

    Search reads every published article's search text, not one page's body: after a deploy that
    changed it, a search makes the outdated ones first, once, as article_html() does for a page.
    """
    outdated = list(articles.exclude(body_html_version=body_version()).values_list("pk", flat=True))
    if outdated:
        store_bodies(outdated)


def body_changed(article_ids: Iterable[int]) -> None:
    """Make these bodies again: now, or at the end of the bodies_made_once() block this runs in."""
    waiting = getattr(_waiting, "ids", None)
    if waiting is None:
        store_bodies(article_ids)
    else:
        waiting.update(article_ids)


@contextmanager
def bodies_made_once():
    """One transaction in which each article whose rows are saved gets its body made once, at the end.

    Nested blocks wait for the outermost. An exception rolls everything back and makes nothing.
    """
    outermost = getattr(_waiting, "ids", None) is None
    if outermost:
        _waiting.ids = set()
    try:
        with transaction.atomic():
            yield
            if outermost and _waiting.ids:
                store_bodies(_waiting.ids)
    finally:
        if outermost:
            _waiting.ids = None


def article_changed(sender, instance, **kwargs) -> None:
    body_changed([instance.pk])


def part_changed(sender, instance, **kwargs) -> None:
    body_changed([instance.article_id])


def person_changed(sender, instance, **kwargs) -> None:
    """A person's name or credentials show on every article they wrote or reviewed."""
    body_changed(Article.objects.filter(Q(author=instance) | Q(medical_reviewer=instance)).values_list("pk", flat=True))


def topic_changed(sender, instance, **kwargs) -> None:
    """A topic's name and address show on every article filed under it (its page and home read it per request)."""
    body_changed(instance.articles.values_list("pk", flat=True))


def crisis_help_changed(sender, instance, created=False, **kwargs) -> None:
    """The crisis help shows on every article in a mental-health topic.

    django-solo creates the row on its first read, which a body being made may be: nothing has changed then.
    """
    if not created:
        body_changed(Article.objects.filter(topic__is_mental_health=True).values_list("pk", flat=True))


def article_html(article: Article) -> str:
    """The <article> as every reader sees it: its stored body and the links to its published related articles.

    The body was made on write (articles.article_body); one made with an older template, date
    format or time zone is made again now, once. The links depend on the other articles'
    publication and on the clock, so they are read here, in one query.
    """
    body = article.body_html
    if article.body_html_version != body_version():
        body = store_bodies([article.pk]).get(article.pk, "")
        # The page's head reads the rest of what was made (the structured data's people and
        # references, "Last updated") from this instance: once a deploy, one query.
        article.refresh_from_db(fields=[field for field in MADE_ON_WRITE if field != "body_html"])
    return format_html('<article class="article">\n{}\n{}</article>', mark_safe(body), related_section(article))


def related_section(article: Article) -> str:
    related = article.related_articles.published().only("title", "slug", "summary")
    if not related:
        return ""
    links = format_html_join(
        "\n",
        '<li><a href="{}">{}</a> <span>{}</span></li>',
        ((r.get_absolute_url(), r.title, r.summary) for r in related),
    )
    return format_html(
        '<section class="related" id="related" aria-labelledby="related-heading">\n'
        '<h2 id="related-heading">Related articles</h2>\n<ul>\n{}\n</ul>\n</section>\n',
        links,
    )
