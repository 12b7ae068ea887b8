"""The one Markdown pipeline: Markdown -> HTML -> sanitized HTML, for articles and for comments.

Models call it on save and store the result, the admin's live preview calls it
through django-markdownx (MARKDOWNX_MARKDOWNIFY_FUNCTION), so what an editor
previews is exactly what readers get. Reading a page never parses Markdown.

Articles get a generous allow-list; readers' comments a strict one, with raw HTML
shown as text rather than interpreted.
"""

import markdown
import nh3

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


def render_article_markdown(text: str) -> str:
    """Return sanitized HTML for an editor's Markdown; safe to mark safe in templates."""
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ARTICLE_TAGS,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        # Images in the text are below the lead: the browser fetches them when they come near.
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
    )
    return sized_images(clean)


# Strict, for what readers write: paragraphs, emphasis, code, lists, quotes and links.
COMMENT_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul"}
COMMENT_ATTRIBUTES = {"a": {"href"}}


def render_comment_markdown(text: str) -> str:
    """Return sanitized HTML for a reader's comment; links get rel="nofollow ugc noopener"."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in a comment is shown as the text it is, never interpreted.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return nh3.clean(
        md.convert(text or ""),
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
