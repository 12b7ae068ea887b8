"""The one Markdown pipeline: Markdown -> HTML -> sanitized HTML, for articles and for comments.

Models call it on save and store the result, the admin's live preview calls it
through django-markdownx (MARKDOWNX_MARKDOWNIFY_FUNCTION), so what an editor
previews is exactly what readers get. Reading a page never parses Markdown.

Articles get a generous allow-list; readers' comments a strict one, with raw HTML
shown as text rather than interpreted.

Python-Markdown recurses once or more per level of nesting and scans ahead from every
unclosed bracket, so a kilobyte of "- - - - ..." overflows the stack and 12,000 "[" take
seconds. `check_renderable()` refuses such text before it is parsed, with a message for
the person who wrote it; every writer (comment form, editor preview, admin, load_guide)
gets the same rule through `validate_renderable_markdown`.
"""

import re
import threading

import markdown
import nh3
from django.core.exceptions import ValidationError

from .image_sizes import sized_images

MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]

# Generous for editors: structure, tables, images and links, but no scripts, styles,
# forms, frames or event handlers. Headings start at h3: the page owns h1 and h2.
ARTICLE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol",
    "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ARTICLE_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Measured with Python-Markdown 3 (see tests/test_markdown_limits.py): a list nesting level
# costs about 2 stack frames, an indentation level about 4, so 16 levels stay far below
# Python's 1,000 frames whatever the request's own stack. Real articles nest 3 or 4 deep.
MAX_NESTING = 16
# Much of the rest grows faster than the text too (backslashes, emphasis, line breaks): at
# this length the worst measured takes under half a second. A long article section is 5,000.
MAX_CHARS = 50_000
# Some of Python-Markdown's work is quadratic in text built to exploit it: from each "[" or
# "](" the link patterns scan ahead to the bracket that closes it, or to the end of the
# paragraph; from each unclosed "<" the HTML patterns scan the rest of the text; code spans
# scan for their closing backticks; a heading or rule line inside a paragraph makes the
# parser copy the rest of it. 12,000 "[" took 15 s, 200 "[" before a 150,000-character
# paragraph 16 s, 25,000 lines of "-" 20 s. The sum of those distances is the work; at this
# budget the worst text measured renders in about half a second, and real text (a list of a
# thousand links, a full-length comment with a few hundred stray brackets) stays well within it.
MAX_SCAN_WORK = 1_000_000

_CONTAINER_MARK = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_INDENT = re.compile(r"[ \t]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_UNCLOSED_ANGLE = re.compile(r"<(?![^<>]*>)")
_SQUARE_BRACKET = re.compile(r"[\[\]]")
_LINK_TARGET = re.compile(r"\]\(|\)")  # only a "(" right after "]" starts a link's address
_BACKTICKS = re.compile(r"`+")
# Headings, rules, setext underlines, definition-list entries, and definitions of links, footnotes
# and abbreviations (quoted too).
_BLOCK_SPLITTING_LINE = re.compile(r"^(?: {0,3}>)* {0,3}(?:#|:[ \t]|(?:[-=*_][ \t]*)+$|\*?\[[^\]\n]*\]:)", re.MULTILINE)


class MarkdownRefused(ValueError):
    """Markdown the pipeline will not render; the message tells the writer what to change."""


def check_renderable(text: str) -> None:
    """Raise MarkdownRefused if `text` is nested or bracketed beyond what renders safely and fast."""
    if len(text) > MAX_CHARS:
        raise MarkdownRefused(
            f"The text is {len(text):,} characters long; the limit is {MAX_CHARS:,}. Split it into sections."
        )
    depth = _deepest_nesting(text)
    if depth > MAX_NESTING:
        raise MarkdownRefused(
            f"Lists, quotes or indented lines are nested {depth} levels deep; the limit is {MAX_NESTING}. "
            "Nest them less deeply."
        )
    if _scan_work(text) > MAX_SCAN_WORK:
        raise MarkdownRefused(
            "Please use fewer square brackets [ ], angle brackets < > or backticks ` left open, or fewer "
            "headings, rules and definitions in one paragraph (separate them with empty lines): as written, "
            "this text would take too long to show."
        )


def validate_renderable_markdown(text: str) -> None:
    """check_renderable() as a Django validator, for model and form fields that hold Markdown."""
    try:
        check_renderable(text)
    except MarkdownRefused as refusal:
        raise ValidationError(str(refusal), code="markdown_refused") from None


def _deepest_nesting(text: str) -> int:
    """The most levels any line opens: its indentation (4 columns a level) and its list and quote marks.

    Fenced code counts too: comments have no fenced code, so there its lines are parsed as Markdown.
    """
    deepest = 0
    for line in text.splitlines():
        indent = _INDENT.match(line).group().expandtabs(4)
        depth, position = len(indent) // 4, 0
        while mark := _CONTAINER_MARK.match(line, position):
            depth, position = depth + 1, mark.end()
        deepest = max(deepest, depth)
    return deepest


def _scan_work(text: str) -> int:
    """How far, in characters, Python-Markdown would scan again and again (see MAX_SCAN_WORK)."""
    # An unclosed "<" scans the rest of the text, but about ten times faster than a "[" scans.
    work = len(_UNCLOSED_ANGLE.findall(text)) * len(text) // 10
    for paragraph in _PARAGRAPH_BREAK.split(text):
        for brackets in (_SQUARE_BRACKET, _LINK_TARGET):
            open_at = []
            for bracket in brackets.finditer(paragraph):
                if bracket.group()[-1] in "[(":
                    open_at.append(bracket.start())
                elif open_at:
                    work += bracket.start() - open_at.pop()
            work += sum(len(paragraph) - start for start in open_at)
        # Each code span's backticks look ahead for their match; each heading, rule or definition
        # line in a paragraph makes the block parser copy the rest of the paragraph once more.
        work += sum(len(paragraph) - run.start() for run in _BACKTICKS.finditer(paragraph))
        work += len(_BLOCK_SPLITTING_LINE.findall(paragraph)) * len(paragraph)
    return work


def _rendered(convert, text: str) -> str:
    """Run a Markdown conversion on checked text; a RecursionError the check missed is a refusal too."""
    check_renderable(text)
    try:
        return convert(text)
    except RecursionError:
        raise MarkdownRefused("The text is nested too deeply to show. Nest lists and quotes less deeply.") from None


def render_article_markdown(text: str, *, tags: set[str] = ARTICLE_TAGS) -> str:
    """Return sanitized HTML for an editor's Markdown; safe to mark safe in templates."""
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    html = _rendered(md.convert, text or "")
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        # Images in the text are below the lead: the browser fetches them when they come near.
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
    )
    return sized_images(clean)


# A site page (About, Privacy...) has only its title above the text: its own headings start at h2.
SITE_PAGE_TAGS = ARTICLE_TAGS | {"h2"}


def render_site_page_markdown(text: str) -> str:
    """The article pipeline, with `## Heading` kept as h2 (an article's page owns its h2s)."""
    return render_article_markdown(text, tags=SITE_PAGE_TAGS)


# Strict, for what readers write: paragraphs, emphasis, code, lists, quotes and links.
COMMENT_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul"}
COMMENT_ATTRIBUTES = {"a": {"href"}}


_per_thread = threading.local()


def _comment_markdown() -> markdown.Markdown:
    """This thread's Markdown for comments, reset for a new text.

    Building one costs more than converting a comment, and a post renders its comment twice
    (the moderation rules read what readers will see, then the save stores it); Python-Markdown
    instances are reusable after reset(), but not across threads.
    """
    md = getattr(_per_thread, "comment_markdown", None)
    if md is None:
        md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        # Raw HTML in a comment is shown as the text it is, never interpreted.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        _per_thread.comment_markdown = md
    return md.reset()


def render_comment_markdown(text: str) -> str:
    """Return sanitized HTML for a reader's comment; links get rel="nofollow ugc noopener"."""
    return nh3.clean(
        _rendered(_comment_markdown().convert, text or ""),
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
