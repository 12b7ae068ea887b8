"""Search of the published articles (/search/?q=): what is searched, how, and how a hit is shown.

Each article's search text is made with its body, on every write, by article_body.store_bodies()
(document()): the summary and takeaways (`search_lead`) and the rest of its text, introduction,
sections, FAQ and closing (`search_body`), as plain text from the stored HTML.

- On PostgreSQL, full-text search (django.contrib.postgres.search): a stored vector of the
  title (weight A), the lead (B) and the body (C) in the English configuration, behind a GIN index;
  the reader's words are read as a web search (`websearch_to_tsquery`: "a phrase", -word, or);
  results by SearchRank, then newest; the snippet is SearchHeadline's.
- On SQLite (the default `make run`), every word of the query must occur in the title, lead or
  body (as part of a word, ignoring the case of ASCII letters); results with more of the words in
  the title first, then in the lead, then newest; the snippet is the text around the first hit.

A snippet is article text: it is escaped, and only then are the hits marked with <mark>.
"""

import re
import secrets
from collections.abc import Iterable
from html import unescape

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import Article

# The longest query searched. A reader's search is a few words; this bounds the work of one.
MAX_QUERY_LENGTH = 200
# What the search text is made of: a change to document() changes this, and the stored text is made again.
DOCUMENT_VERSION = "1"
CONFIG = "english"
# What a result shows of its article (the snippet comes with it).
RESULT_FIELDS = ("title", "slug", "summary", "published_at", "topic__name", "topic__slug")


class SearchForm(forms.Form):
    """What a reader may search for: one text of at most MAX_QUERY_LENGTH characters, or nothing."""

    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "A search can be at most %(limit_value)d characters long (this one has %(show_value)d). "
            "Try a few key words.",
            "null_characters_not_allowed": "This search contains a character that cannot be searched (a null byte).",
        },
    )

    def clean_q(self):
        if len(self.data.getlist("q")) > 1:
            raise ValidationError("Search for one thing at a time: this address asks for several searches.")
        return " ".join(self.cleaned_data["q"].split())

    def box_value(self) -> str:
        """What the search box shows: the query, or what was sent made searchable again, to edit."""
        if self.is_valid():
            return self.cleaned_data["q"]
        return " ".join(self.data.getlist("q")).replace("\x00", "")[:MAX_QUERY_LENGTH]


def document(article: Article) -> dict:
    """The search fields of an article, for store_bodies() to write with its body.

    Reads the parts through `article.<part>.all()`: store_bodies' prefetch serves them.
    """
    lead = join_text([article.summary, *(f"{t.label}: {t.text}" for t in article.takeaways.all())])
    body = join_text(
        [
            html_text(article.introduction_html),
            *(f"{s.heading}\n{html_text(s.body_html)}" for s in article.sections.all()),
            *(f"{f.question}\n{html_text(f.answer_html)}" for f in article.faqs.all()),
            html_text(article.closing_html),
        ]
    )
    fields = {"search_lead": lead, "search_body": body}
    if connection.vendor == "postgresql":
        # In an UPDATE, "title" is the stored title: the article's own save has already written it.
        fields["search_vector"] = (
            SearchVector("title", weight="A", config=CONFIG)
            + SearchVector(Value(lead), weight="B", config=CONFIG)
            + SearchVector(Value(body), weight="C", config=CONFIG)
        )
    return fields


def html_text(html: str) -> str:
    """Stored HTML as the text a reader reads: no tags, its entities (&amp;, &lt;) as characters."""
    return unescape(strip_tags(html))


def join_text(parts: Iterable[str]) -> str:
    """The parts as one plain text, a line each."""
    return "\n".join(part for part in parts if part.strip())


def published_matches(query: str) -> QuerySet:
    """The published articles that match a (cleaned, non-empty) query, best first.

    Each carries what its result shows (RESULT_FIELDS); pass it to snippet() for the text around the hits.
    """
    articles = Article.objects.published().select_related("topic")
    if connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config=CONFIG)
        return (
            articles.only(*RESULT_FIELDS)
            .filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                headline=SearchHeadline(
                    Concat("search_lead", Value("\n"), "search_body", output_field=TextField()),
                    search,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_fragments=2,
                    min_words=12,
                    max_words=30,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at")
        )
    words = query_words(query)
    if not words:
        return articles.none()
    for word in words:
        articles = articles.filter(
            Q(title__icontains=word) | Q(search_lead__icontains=word) | Q(search_body__icontains=word)
        )
    # Each word found in the title counts 100, in the lead 10, in the body 1: more title hits first.
    score = sum(
        Case(
            When(title__icontains=word, then=Value(100)),
            When(search_lead__icontains=word, then=Value(10)),
            default=Value(1),
            output_field=IntegerField(),
        )
        for word in words
    )
    return (
        articles.only(*RESULT_FIELDS, "search_lead", "search_body")
        .annotate(score=score)
        .order_by("-score", "-published_at")
    )


def query_words(query: str) -> list[str]:
    """The words of a query as SQLite's search looks for them: letters and digits, each once."""
    return list(dict.fromkeys(word.casefold() for word in re.findall(r"\w+", query)))


# SearchHeadline's marks around a hit: random per process, so no article text can forge one.
MARK_START = f"s{secrets.token_hex(8)}"
MARK_END = f"e{secrets.token_hex(8)}"


def snippet(article: Article, query: str) -> SafeString:
    """The text around the hits in a result, escaped, the hits in <mark>; empty when no text matched
    (only the title did): the result's summary then says enough."""
    if connection.vendor == "postgresql":
        parts = re.split(f"({MARK_START}|{MARK_END})", article.headline)
        if MARK_START not in parts:
            return SafeString("")
        pieces, in_hit = [], False
        for part in parts:
            if part in (MARK_START, MARK_END):
                in_hit = part == MARK_START
            elif part:
                pieces.append((re.sub(r"\s+", " ", part), in_hit))
        return marked(pieces)
    words = query_words(query)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None
    text = f"{article.search_lead}\n{article.search_body}"
    hit = pattern.search(text) if pattern else None
    if hit is None:
        return SafeString("")
    start, end = max(0, hit.start() - 80), min(len(text), hit.end() + 160)
    if start > 0:  # from the start of a word
        start = text.find(" ", start, hit.start()) + 1 or hit.start()
    if end < len(text):
        end = max(text.rfind(" ", hit.end(), end), hit.end())
    window = " ".join(text[start:end].split())
    pieces, last = [], 0
    for match in pattern.finditer(window):
        pieces += [(window[last : match.start()], False), (match.group(), True)]
        last = match.end()
    pieces.append((window[last:], False))
    return marked([("… ", False)] * (start > 0) + pieces + [(" …", False)] * (end < len(text)))


def marked(pieces: Iterable[tuple[str, bool]]) -> SafeString:
    """Article text, escaped, with the hits in <mark>: nothing from the text is taken as HTML."""
    return mark_safe("".join(format_html("<mark>{}</mark>", text) if hit else escape(text) for text, hit in pieces))
