"""Import of a WordPress export (WXR 1.0-1.2): posts -> articles, pages -> site pages, categories -> topics.

One transaction per import (`import_export()`): any refusal raises `WordPressImportError`
with what and where, and nothing is written. Each row made is keyed by the WordPress site
(`<wp:base_site_url>`) and the item's id in `WordPressItem`, so a second run creates nothing.
Comments are the comments app's (`comments.wordpress_comments.import_item_comments`), called for
each item inside the same transaction: `articles` never imports `comments`, so the comments app
registers its dotted path in `wordpress_hooks.ITEM_COMMENT_IMPORTERS` (comments/apps.py), resolved
when an import runs: the site's workers never load this module or the comments' importer.

The export is parsed with defusedxml: a file cannot expand entities without bound or reach
outside itself.
"""

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

import reversion
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse
from django.contrib.auth.models import User
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import escape_uri_path
from django.utils.html import escape, strip_tags
from django.utils.module_loading import import_string
from django.utils.text import Truncator, slugify
from markdownify import MarkdownConverter, markdownify

from .article_body import bodies_made_once
from .guide_loader import DEFAULT_SITE_NAME
from .models import (
    RESERVED_ANCHOR_PREFIXES,
    RESERVED_ANCHORS,
    Article,
    Person,
    Section,
    SitePage,
    Topic,
    WordPressItem,
    anchor_from_heading,
)
from .page_cache import content_version_kept
from .wordpress_autop import has_blocks, wpautop
from .wordpress_hooks import ITEM_COMMENT_IMPORTERS

WXR_VERSIONS = {"1.0", "1.1", "1.2"}
# The namespace of WXR 1.2, in which the importers (comments.wordpress_comments too) read every export.
WP_NAMESPACE = "http://wordpress.org/export/1.2/"
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": WP_NAMESPACE,
    "excerpt": f"{WP_NAMESPACE}excerpt/",
}
# WordPress's catch-all category: a post "in" it has no category, so its article gets no topic.
UNCATEGORIZED = "uncategorized"
ZERO_DATE = "0000-00-00 00:00:00"

# The fields of a page the import writes (_Importer.write() takes them from here) and written_fingerprint() covers.
ARTICLE_FIELDS_WRITTEN = (
    "title",
    "slug",
    "summary",
    "introduction_heading",
    "introduction",
    "status",
    "published_at",
    "author",
    "topic",
)
SITE_PAGE_FIELDS_WRITTEN = ("title", "slug", "body", "is_published")
EDITED_HERE = "edited on this site since the last import: kept; the export's changes were not applied"


_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_DROPPED_ELEMENT = re.compile(
    r"<(script|style|iframe|object|embed|form|video|audio)\b.*?(?:</\1\s*>|/>)", re.DOTALL | re.IGNORECASE
)
_EMBED_BLOCK = re.compile(r"<figure[^>]*wp-block-embed.*?</figure>", re.DOTALL | re.IGNORECASE)
# A link's address in a post or page (<a href="...">), for the links to the old WordPress site itself.
_LINK_ADDRESS = re.compile(r"""(<a\b[^>]*?)\s+href=(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
# WordPress's own screens: an address there leads nowhere once the site moved.
_WORDPRESS_ADMIN = re.compile(r"/(?:wp-admin|wp-login\.php)(?:[/?#]|$)")
_SHORTCODE = re.compile(r"\[([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\](?:.*?\[/\1\])?", re.DOTALL)
_POST_ID = re.compile(r"<wp:post_id>\s*(\d+)\s*</wp:post_id>")
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)
# A post's headings once moved to the page's levels: "## " starts a section, "### " a subsection.
_PART_HEADING = re.compile(r"^(#{2,3})(?: (.*))?$")
_ANY_HEADING = re.compile(r"^#{1,6} (.+)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Markdown's image and a link's target, as markdownify writes them (a title in quotes may follow the address).
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
# An empty heading of these names was a table-of-contents plugin's place on WordPress.
_TOC_HEADINGS = {"table of contents", "contents", "toc", "in this article", "on this page"}


class _PostConverter(MarkdownConverter):
    """markdownify, with the headings that become sections (h2, h3 once moved) as plain text:
    `Section.heading` is shown as it is written, not as Markdown."""

    def convert_hN(self, n, el, text, parent_tags):
        if n in (2, 3) and "_inline" not in parent_tags:
            return "\n\n{} {}\n\n".format("#" * n, " ".join(el.get_text().split()))
        return super().convert_hN(n, el, text, parent_tags)


@dataclass
class _Part:
    """A heading of the post and the Markdown under it, up to the next heading of its level or above."""

    level: int
    heading: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()

    def markdown(self) -> str:
        """As Markdown inside the introduction, when it is not made a section."""
        return f"{'#' * self.level} {self.heading}\n\n{self.text}".strip()


class WordPressImportError(Exception):
    """The export cannot be imported; the message says what and where. Nothing was written."""


@dataclass
class ImportReport:
    """What an import did, per row, with why: the summary printed at the end (both apps write to it)."""

    lines: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    created_kinds: Counter = field(default_factory=Counter)
    created_details: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    # A kind with more new rows than this (the comments of a real site: thousands) is counted, not listed.
    CREATED_LISTED = 20

    def created(self, kind: str, what: str, detail: str = "") -> None:
        """`detail` (a comment's status, say) splits the count of a kind too many to list."""
        self.lines["created"].append(f"{kind} “{what}”" + (f" ({detail})" if detail else ""))
        self.created_kinds[kind] += 1
        if detail:
            self.created_details[kind][detail] += 1

    def updated(self, kind: str, what: str, why: str) -> None:
        self.lines["updated"].append(f"{kind} “{what}”: {why}")

    def skipped(self, kind: str, what: str, why: str) -> None:
        self.lines["skipped"].append(f"{kind} “{what}”: {why}")

    def dropped(self, kind: str, what: str, why: str) -> None:
        """Content lost in conversion: readers of the old site saw it, readers here will not."""
        self.lines["dropped"].append(f"{kind} “{what}”: {why}")

    def summary(self) -> str:
        parts = []
        for action in ("created", "updated", "skipped", "dropped"):
            lines = self.lines.get(action, [])
            parts.append(f"{action.capitalize()}: {len(lines)}")
            if action == "created":
                counted = {kind for kind, n in self.created_kinds.items() if n > self.CREATED_LISTED}
                lines = [line for line in lines if line.split(" “", 1)[0] not in counted]
                for kind in sorted(counted):
                    details = sorted(self.created_details[kind].items(), key=lambda pair: (-pair[1], pair[0]))
                    split = f" ({', '.join(f'{n} {detail}' for detail, n in details)})" if details else ""
                    parts.append(f"  {self.created_kinds[kind]} × {kind}{split}")
            parts.extend(f"  {line}" for line in lines)
        return "\n".join(parts)


def parse_export(path) -> Element:
    """The export's <channel>, read in WP_NAMESPACE, or WordPressImportError for a file that is not WXR."""
    _check_starts_as_xml(path)
    try:
        root = parse(path).getroot()
    except ParseError as error:
        line, column = error.position
        raise WordPressImportError(
            f"{path}: not well-formed XML at line {line}, column {column} (truncated?)."
        ) from error
    except DefusedXmlException as error:
        raise WordPressImportError(f"{path}: refused, it declares entities or a DTD ({error}).") from error
    channel = root.find("channel") if root.tag == "rss" else None
    children = list(channel) if channel is not None else []
    version = next((child for child in children if child.tag.endswith("}wxr_version")), None)
    if version is None:
        raise WordPressImportError(f"{path}: not a WordPress export (no <rss> with <wp:wxr_version>).")
    if (version.text or "").strip() not in WXR_VERSIONS:
        raise WordPressImportError(
            f"{path}: WXR version {version.text!r} is not one this importer reads (1.0, 1.1, 1.2)."
        )
    namespace = version.tag.split("}")[0][1:]
    if namespace != WP_NAMESPACE:
        # WXR 1.0 and 1.1 name the same elements in their own namespace: read as 1.2, so that no
        # reader (the comments' importer, which knows only 1.2) skips an older export's elements.
        for element in root.iter():
            if element.tag.startswith(f"{{{namespace}"):
                element.tag = f"{{{WP_NAMESPACE}{element.tag[len(namespace) + 1 :]}"
    return channel


# What an owner may give instead of the .xml file, known by its first bytes. An archive is not unpacked
# here: a WordPress.com download may hold several files, and the owner should see which one is imported.
_NOT_XML = (
    (b"PK\x03\x04", "this is a ZIP archive: unzip it and give the .xml file inside"),
    (b"PK\x05\x06", "this is an empty ZIP archive: download the export again and give the .xml file inside"),
    (b"\x1f\x8b", "this is a gzip-compressed file: decompress it (gunzip) and give the .xml file inside"),
)


def _check_starts_as_xml(path) -> None:
    """Refuse, saying what it is, a file that is no XML at all: ElementTree would call any of them
    "not well-formed at line 1, column 0", which reads as a truncated export."""
    try:
        with open(path, "rb") as export:
            start = export.read(512)
    except FileNotFoundError:
        raise WordPressImportError(f"No file at {path}: give the path of the .xml file WordPress exported.") from None
    except IsADirectoryError:
        raise WordPressImportError(f"{path} is a folder, give the .xml file (the export) inside it.") from None
    except PermissionError:
        raise WordPressImportError(f"{path}: this account may not read that file (permission denied).") from None
    for magic, what in _NOT_XML:
        if start.startswith(magic):
            raise WordPressImportError(f"{path}: {what}.")
    text = start.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start:
        raise WordPressImportError(f"{path}: the file is empty. Export again in WordPress (Tools -> Export).")
    if not text.startswith(b"<"):
        first = text.decode("utf-8", "replace").splitlines()[0][:60] if text else ""
        raise WordPressImportError(
            f"{path}: not an XML file (it starts with “{first}”): give the .xml file WordPress's Tools -> Export wrote."
        )


def import_export(
    path,
    *,
    dry_run: bool = False,
    attach_to_existing: bool = False,
    overwrite_local_edits: bool = False,
    user_map: dict[str, User] | None = None,
    staff_replies: Counter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the export at `path` in one transaction (rolled back with `dry_run`); return its report."""
    channel = parse_export(path)
    importer = _Importer(
        channel,
        attach_to_existing=attach_to_existing,
        overwrite_local_edits=overwrite_local_edits,
        lines=_item_lines(path),
    )
    items = channel.findall("item")
    importer.check_ids(items)
    with content_version_kept() if dry_run else nullcontext(), transaction.atomic():
        with bodies_made_once(), reversion.create_revision():  # each article's body made once, at the end
            reversion.set_comment(f"Imported from WordPress ({importer.source}).")
            importer.name_site(channel)
            for position, item in enumerate(items, start=1):
                importer.import_with_comments(
                    item,
                    user_map=user_map or {},
                    staff_replies=Counter() if staff_replies is None else staff_replies,
                    dry_run=dry_run,
                )
                if progress:
                    progress(position, len(items))
            importer.report_gone(items)
            importer.report_tags()
        if dry_run:  # after the bodies were made: a dry run goes through everything a real one does
            transaction.set_rollback(True)
    return importer.report


def export_logins(channel: Element) -> dict[int, str]:
    """The export's WordPress users, id -> login (`<wp:author>`): only those who wrote posts are listed."""
    logins = {}
    for author in channel.findall(f"{{{WP_NAMESPACE}}}author"):
        author_id = (author.findtext(f"{{{WP_NAMESPACE}}}author_id") or "").strip()
        if author_id.isdigit():
            logins[int(author_id)] = (author.findtext(f"{{{WP_NAMESPACE}}}author_login") or "").strip()
    return logins


def normalized_site(address: str) -> str:
    """The WordPress site's key: its address with the scheme and host in lower case, no trailing slash,
    so two exports of one site match whatever case or slash WordPress wrote."""
    parts = urlsplit(address.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _item_lines(path) -> dict[str, int]:
    """The line of each item's first <wp:post_id>, by id: ElementTree keeps no line numbers, and a
    refusal should say where to look in a file of thousands of lines (a repeated id: its first line)."""
    lines = {}
    with open(path, encoding="utf-8", errors="replace") as export:
        for number, line in enumerate(export, start=1):
            for post_id in _POST_ID.findall(line):
                lines.setdefault(post_id, number)
    return lines


def written_fingerprint(page: Article | SitePage) -> str:
    """A hash of what the import writes of `page` (its fields and an article's sections), as it is now.

    Kept in WordPressItem.written_fingerprint after each write, it tells a re-import whether an editor
    changed the page here since. Line ends and the spaces around a text do not count: the admin's
    form sends CRLF and strips them, so a save that changes nothing is no edit.
    """
    names = ARTICLE_FIELDS_WRITTEN if isinstance(page, Article) else SITE_PAGE_FIELDS_WRITTEN
    values = [_comparable(page.serializable_value(name)) for name in names]
    if isinstance(page, Article):
        sections = page.sections.order_by("order", "id")
        values += [(s.level, _comparable(s.heading), s.anchor, _comparable(s.body)) for s in sections]
    return hashlib.sha256(repr(values).encode()).hexdigest()


def _comparable(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def item_title(item: Element) -> str:
    """The item's title as WordPress showed it: WordPress keeps a title as HTML (an author without
    "unfiltered HTML" saves "Risks & benefits" as "Risks &amp; benefits"), here it is plain text."""
    return " ".join(unescape(strip_tags(item.findtext("title") or "")).split())


def section_anchors(headings: list[str]) -> list[str]:
    """An anchor for each heading, made from it: a second equal one gets "-2", one the page itself uses
    (RESERVED_ANCHORS, RESERVED_ANCHOR_PREFIXES) gets "section-" in front, a heading with no letters
    to make one from is "section"."""
    limit = Section._meta.get_field("anchor").max_length
    taken: set[str] = set()
    anchors = []
    for heading in headings:
        base = anchor_from_heading(heading) or "section"
        if base in RESERVED_ANCHORS or base.startswith(RESERVED_ANCHOR_PREFIXES):
            base = f"section-{base}"[:limit]
        anchor, number = base, 2
        while anchor in taken:
            suffix = f"-{number}"
            anchor, number = base[: limit - len(suffix)] + suffix, number + 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _problem(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class _Importer:
    def __init__(
        self, channel: Element, *, attach_to_existing: bool, overwrite_local_edits: bool, lines: dict[str, int]
    ):
        self.lines = lines
        self.attach_to_existing = attach_to_existing
        self.overwrite_local_edits = overwrite_local_edits
        self.report = ImportReport()
        self.comment_importers = [import_string(path) for path in ITEM_COMMENT_IMPORTERS]
        self.source = normalized_site(self.text(channel, "wp:base_site_url") or channel.findtext("link") or "")
        self.authors = {
            self.text(author, "wp:author_login"): self.text(author, "wp:author_display_name")
            for author in channel.findall(f"{{{WP_NAMESPACE}}}author")
        }
        self.logins = export_logins(channel)
        self.categories = {
            self.text(category, "wp:category_nicename"): category
            for category in channel.findall(f"{{{WP_NAMESPACE}}}category")
        }
        self.tags = [self.text(tag, "wp:tag_name") for tag in channel.findall(f"{{{WP_NAMESPACE}}}tag")]
        self.wrote = False  # whether the item being imported was written (created or updated)
        self.wrote_any = False  # whether any was: only then are tags worth a word

    def name_site(self, channel: Element) -> None:
        """A site still named as django.contrib.sites made it ("example.com") takes the WordPress site's
        title; a name an owner set is never replaced. Saving the site drops the cached name and pages."""
        title = " ".join((channel.findtext("title") or "").split())
        site = Site.objects.get_current()
        if not title or site.name != DEFAULT_SITE_NAME:
            return
        site.name = Truncator(title).chars(Site._meta.get_field("name").max_length)
        site.save()
        self.report.updated("site name", site.name, f"was Django's default “{DEFAULT_SITE_NAME}”: the export's title")

    def report_tags(self) -> None:
        """The export's tags, once per run and only on a run that wrote a page: on a run that changed
        nothing, repeating them is noise."""
        if self.wrote_any:
            for tag in self.tags:
                self.report.dropped("tag", tag, "the site has no tags")

    def report_gone(self, items: list[Element]) -> None:
        """The posts and pages an earlier run imported from this site that this export lacks: an export of
        "All content" holds them all, so each was deleted in WordPress (or the export chose less). The page
        here stays: whether it goes too is the owner's call, made in the admin."""
        present = {(self.text(item, "wp:post_type"), int(self.text(item, "wp:post_id").strip())) for item in items}
        rows = WordPressItem.objects.filter(
            source=self.source, kind__in=(WordPressItem.Kind.POST, WordPressItem.Kind.PAGE)
        ).select_related("article", "site_page")
        for row in rows.order_by("kind", "wordpress_id"):
            page = row.article or row.site_page
            if page is not None and (row.kind, row.wordpress_id) not in present:
                label = "article" if row.kind == WordPressItem.Kind.POST else "site page"
                self.report.skipped(label, page.title, "no longer in the export: kept here")

    def text(self, element: Element, name: str) -> str:
        """The text of `element`'s child `prefix:local` (NS names the prefixes)."""
        prefix, local = name.split(":")
        return element.findtext(f"{{{NS[prefix]}}}{local}") or ""

    def import_with_comments(
        self, item: Element, *, user_map: dict[str, User], staff_replies: Counter, dry_run: bool
    ) -> None:
        try:
            dropped = self.report.lines["dropped"]
            before = len(dropped)
            self.wrote = False
            page = self.import_item(item)
            if not self.wrote:
                # Its text was not written (unchanged, attached, kept as edited here, empty): nothing it
                # holds is lost on this run, so what its conversion would drop is not news.
                del dropped[before:]
            self.wrote_any |= self.wrote
            for import_item_comments in self.comment_importers:
                import_item_comments(
                    item,
                    page if isinstance(page, Article) else None,
                    source=self.source,
                    user_map=user_map,
                    report=self.report,
                    dry_run=dry_run,
                    authors=self.logins,
                    staff_replies=staff_replies,
                )
        except (ValidationError, ValueError) as error:
            raise WordPressImportError(f"{self.where(item)}: {_problem(error)} Nothing was written.") from error

    def where(self, item: Element) -> str:
        post_id = self.text(item, "wp:post_id").strip()
        line = f" (line {self.lines[post_id]})" if post_id in self.lines else ""
        return f"item {post_id} “{item.findtext('title') or ''}”{line}"

    def check_ids(self, items: list[Element]) -> None:
        seen = set()
        for item in items:
            post_id = self.text(item, "wp:post_id").strip()
            if not post_id.isdigit():
                raise WordPressImportError(f"{self.where(item)}: no numeric <wp:post_id>. Nothing was written.")
            if post_id in seen:
                raise WordPressImportError(f"{self.where(item)}: the id {post_id} is used twice. Nothing was written.")
            seen.add(post_id)

    def import_item(self, item: Element) -> Article | SitePage | None:
        kind = self.text(item, "wp:post_type")
        title = item_title(item)
        if kind not in ("post", "page"):
            self.report.skipped(kind or "item", title, "only posts and pages are imported")
            return None
        fields = self.fields(item, kind)
        if not fields["introduction" if kind == "post" else "body"].strip():
            self.report.skipped(kind, title, "no text to import (an empty draft?)")
            return None
        digest = hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()
        key = {"source": self.source, "kind": kind, "wordpress_id": int(self.text(item, "wp:post_id"))}
        row = WordPressItem.objects.filter(**key).select_related("article", "site_page").first()
        page = (row.article or row.site_page) if row else None
        label = "article" if kind == "post" else "site page"
        if row and page and row.imported_hash == digest:
            # A row from before the fingerprint was kept, or an attached page, cannot tell an edit here.
            edited = row.written_fingerprint and not row.attached and self.edited_here(row, page)
            self.report.skipped(
                label, title, "unchanged since the last import" + (" (edited here since: kept)" if edited else "")
            )
            return page
        if row and page and row.attached:
            self.report.skipped(label, title, "changed in the export, but attached to a page here: its content is kept")
            return page
        edited_here = bool(row and page and self.edited_here(row, page))
        if edited_here and not self.overwrite_local_edits:
            self.report.skipped(label, title, f"{EDITED_HERE} (--overwrite-local-edits takes them)")
            return page
        if page is None:
            page = self.existing_page(kind, fields["slug"], title)
            if page is not None:
                row = row or WordPressItem(**key)
                row.attached, row.imported_hash, row.old_path = True, digest, self.old_path(item)
                setattr(row, "article" if kind == "post" else "site_page", page)
                row.save()
                self.report.updated(
                    label, title, f"attached to the existing one at {page.get_absolute_url()}; its content was kept"
                )
                return page
        changed = self.write(kind, page, fields)
        self.wrote = True
        page = changed.pop("page")
        row = row or WordPressItem(**key)
        row.imported_hash, row.old_path = digest, self.old_path(item)
        row.written_fingerprint = written_fingerprint(page)
        setattr(row, "article" if kind == "post" else "site_page", page)
        row.save()
        if changed["new"]:  # a draft says so: WordPress's draft "Privacy Policy" may sit beside a page here
            self.report.created(label, title, "" if fields["published"] else "draft")
        else:
            overwritten = "; an edit made here was replaced (--overwrite-local-edits)" if edited_here else ""
            self.report.updated(label, title, "changed in the export: " + ", ".join(changed["fields"]) + overwritten)
        return page

    def edited_here(self, row: WordPressItem, page: Article | SitePage) -> bool:
        """Whether the page is no longer as the last import wrote it. A row from before the import kept
        its fingerprint cannot tell: it counts as edited, so nothing an editor did is lost unasked."""
        return not row.written_fingerprint or written_fingerprint(page) != row.written_fingerprint

    def existing_page(self, kind: str, slug: str, title: str) -> Article | SitePage | None:
        model = Article if kind == "post" else SitePage
        page = model.at_address(slug)
        if page is None:
            return None
        if not self.attach_to_existing:
            raise ValueError(
                f"this site already has {'an' if kind == 'post' else 'a'} {model._meta.verbose_name} at the "
                f"address “{slug}”. "
                "Run with --attach-to-existing to attach the WordPress item (and its comments) to it."
            )
        return page

    def old_path(self, item: Element) -> str:
        """The item's WordPress path as Django's request.get_full_path() spells it: WordPress writes a
        non-Latin slug with lower-case escapes (%d0%ba), a request's path comes back upper case (%D0%BA)."""
        link = urlsplit(item.findtext("link") or "")
        return escape_uri_path(unquote(link.path)) + (f"?{link.query}" if link.query else "")

    def fields(self, item: Element, kind: str) -> dict:
        """What the item says, converted: the values written, and what the import hashes to notice a change."""
        title = item_title(item)
        status = self.text(item, "wp:status")
        published = status in ("publish", "future")
        html = self.text(item, "content:encoded")
        body = self.markdown(html, title, kind)
        values = {
            "title": title,
            # WordPress keeps a non-Latin slug escaped (%d0%ba...); an address here takes ASCII letters only.
            "slug": (
                slugify(unquote(self.text(item, "wp:post_name")))
                or slugify(title)
                or f"{kind}-{self.text(item, 'wp:post_id')}"
            )[:200],
            "published": published,
        }
        if kind != "post":
            values["body"] = body
        if kind == "post":
            heading, introduction, sections = self.structure(body, title)
            values["introduction_heading"], values["introduction"], values["sections"] = heading, introduction, sections
            values["published_at"] = self.date(item, published)
            values["summary"] = self.summary(self.text(item, "excerpt:encoded"), body)
            values["author"] = self.authors.get(self.text(item, "dc:creator")) or self.text(item, "dc:creator")
            values["category"] = self.category(item, title)
        return values

    def date(self, item: Element, published: bool) -> datetime | None:
        raw = self.text(item, "wp:post_date_gmt").strip()
        if raw in ("", ZERO_DATE) and not published:
            return None  # a draft WordPress never dated
        try:
            return datetime.strptime(raw, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            raise ValueError(f"<wp:post_date_gmt> “{raw}” is not a date (YYYY-MM-DD HH:MM:SS).") from None

    def summary(self, excerpt: str, body: str) -> str:
        """The excerpt, else the body's first sentence: the model asks for a summary WordPress may not have."""
        text = " ".join(markdownify(excerpt).split()) if excerpt.strip() else ""
        if not text:
            prose = "\n".join(line for line in body.splitlines() if not line.startswith("#"))
            # An image goes whole and a link keeps its words: only Markdown's own "](target)" is cut, so
            # words in brackets ("syndrome (CRPS) is rare") stay.
            prose = _LINK_TARGET.sub("]", _IMAGE.sub(" ", prose))
            plain = " ".join(re.sub(r"[#*_>`\[\]]", " ", prose).split())
            sentence = _SENTENCE.match(plain)
            text = sentence.group(1) if sentence else plain
        return Truncator(text).chars(300)

    def category(self, item: Element, title: str) -> str:
        names = [c.get("nicename", "") for c in item.findall("category") if c.get("domain") == "category"]
        if not names or names[0] == UNCATEGORIZED:
            return ""
        for extra in names[1:]:
            self.report.dropped(
                "category", f"{extra} of “{title}”", "an article has one topic: the first category is kept"
            )
        return names[0]

    def markdown(self, html: str, title: str, kind: str) -> str:
        """The item's HTML as the site's Markdown; what cannot come along is reported as dropped.

        Classic-editor HTML (no block comments) gets its paragraphs first, as WordPress gives them on
        display (wpautop): it keeps them as text between blank lines, which Markdown would join.
        """
        if not has_blocks(html):
            html = wpautop(html)
        html = _BLOCK_COMMENT.sub("", html)
        html = self.own_site_links(html, title)
        for pattern, what in ((_EMBED_BLOCK, "embed"), (_DROPPED_ELEMENT, None), (_SHORTCODE, None)):
            for match in pattern.finditer(html):
                name = what or (f"<{match.group(1).lower()}>" if pattern is _DROPPED_ELEMENT else f"[{match.group(1)}]")
                self.report.dropped(name, title, "not carried over: the site has no such content")
            html = pattern.sub("", html)
        if kind == "post":
            # The post's highest heading level makes the sections (the page's h2 under its h1), the next
            # level their subsections (h3); deeper headings stay in their text, from h4 on (structure()).
            top = min((int(m.group(2)) for m in _HEADING_TAG.finditer(html)), default=2)
            html = _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{max(2, min(6, int(m.group(2)) - top + 2))}", html)
            return _PostConverter(heading_style="ATX", bullets="-").convert(html).strip()
        return markdownify(html, heading_style="ATX", bullets="-").strip()

    def own_site_links(self, html: str, title: str) -> str:
        """Links to the old WordPress site, made addresses on this one: the old site goes once the move
        is done, and its addresses answer here (wordpress_addresses redirects them). A link into its
        admin (wp-admin, wp-login.php) leads nowhere here: its words stay, the link goes, reported.
        Images keep their address: the old site's uploads are not copied (README)."""
        site = urlsplit(self.source)

        def local(match: re.Match) -> str:
            address = urlsplit(unescape(match.group(3)).strip())
            own = (
                address.scheme.lower() in ("http", "https")
                and address.netloc.lower() == site.netloc
                and (address.path + "/").startswith(site.path + "/")
            )
            if not own:
                return match.group(0)
            path = address.path[len(site.path) :] or "/"
            if _WORDPRESS_ADMIN.match(path):
                why = f"in “{title}”, into the old site's admin: its words are kept"
                self.report.dropped("link", match.group(3), why)
                return match.group(1)
            rest = (f"?{address.query}" if address.query else "") + (f"#{address.fragment}" if address.fragment else "")
            return f'{match.group(1)} href="{escape(path + rest)}"'

        return _LINK_ADDRESS.sub(local, html)

    def structure(self, markdown: str, title: str) -> tuple[str, str, list[tuple[int, str, str, str]]]:
        """The post's Markdown as the article's parts: (introduction heading, introduction, sections), each
        section (level, heading, anchor, body) in page order.

        The introduction is the text before the first section; a post that opens with its first section's
        heading (the guide's "Introduction") makes that section the introduction, named by its heading.
        A heading with nothing under it is dropped and reported.
        """
        preamble: list[str] = []
        parts: list[_Part] = []
        lines, fence = preamble, None
        for line in markdown.splitlines():
            opens = _FENCE.match(line)
            if opens and fence in (None, opens.group(1)):  # a "## " line in a code block is code
                fence = None if fence else opens.group(1)
            elif fence is None and (heading := _PART_HEADING.match(line)):
                parts.append(_Part(len(heading.group(1)), (heading.group(2) or "").strip()))
                lines = parts[-1].lines
                continue
            lines.append(line)
        while parts and parts[0].level == 3:  # a subheading before the first section is the introduction's
            preamble.append(parts.pop(0).markdown())
        parts = self.kept_parts(parts, preamble, title)
        introduction = "\n".join(preamble).strip()
        heading = "Introduction"
        if opening := _ANY_HEADING.match(introduction.partition("\n")[0]):
            heading, introduction = opening.group(1).strip(), introduction.partition("\n")[2].strip()
        if not introduction and parts:
            if opening:
                self.report.dropped("heading", f"{heading} in “{title}”", "nothing under it")
            first = parts.pop(0)
            heading, texts = first.heading, [first.text]
            while parts and parts[0].level == 3:
                texts.append(parts.pop(0).markdown())
            introduction = "\n\n".join(text for text in texts if text)
        heading = self.cut(heading, Article._meta.get_field("introduction_heading").max_length, title)
        limit = Section._meta.get_field("heading").max_length
        headings = [self.cut(part.heading, limit, title) for part in parts]
        sections = zip(parts, headings, section_anchors(headings), strict=True)
        return heading, introduction, [(part.level, heading, anchor, part.text) for part, heading, anchor in sections]

    def kept_parts(self, parts: list[_Part], preamble: list[str], title: str) -> list[_Part]:
        """The parts that become sections: a heading with no words joins its text to the part above; one
        with nothing under it (no text, no subsection) is dropped, both reported."""
        worded = []
        for part in parts:
            if part.heading:
                worded.append(part)
            else:
                self.report.dropped("heading", f"with no words in “{title}”", "its text joins the part above it")
                (worded[-1].lines if worded else preamble).extend(part.lines)
        kept = []
        for index, part in enumerate(worded):
            if part.text or (part.level == 2 and any(below.text for below in self.subsections(worded, index))):
                kept.append(part)
            elif part.heading.casefold() in _TOC_HEADINGS:
                why = "a table of contents plugin filled it on WordPress; the site builds its own table of "
                self.report.dropped("heading", f"{part.heading} in “{title}”", why + "contents from the sections")
            else:
                self.report.dropped("heading", f"{part.heading} in “{title}”", "nothing under it")
        return kept

    @staticmethod
    def subsections(parts: list[_Part], index: int) -> list[_Part]:
        following = []
        for part in parts[index + 1 :]:
            if part.level != 3:
                break
            following.append(part)
        return following

    def cut(self, heading: str, limit: int, title: str) -> str:
        if len(heading) <= limit:
            return heading
        cut = Truncator(heading).chars(limit)
        self.report.dropped("heading", f"{cut} in “{title}”", f"longer than {limit} characters: cut")
        return cut

    def write(self, kind: str, page, fields: dict) -> dict:
        if kind == "post":
            page = page or Article()
            names = ARTICLE_FIELDS_WRITTEN
            given = {
                **fields,
                "status": Article.Status.PUBLISHED if fields["published"] else Article.Status.DRAFT,
                "author": self.person(fields["author"]),
                "topic": self.topic(fields["category"]),
            }
        else:
            page = page or SitePage()
            names = SITE_PAGE_FIELDS_WRITTEN
            given = {**fields, "is_published": fields["published"]}
        # The same names written_fingerprint() hashes: what is written is what an edit is checked against.
        values = {name: given[name] for name in names}
        new = page.pk is None
        changed = [name for name, value in values.items() if getattr(page, name) != value]
        for name, value in values.items():
            setattr(page, name, value)
        page.full_clean()
        page.save()
        if kind == "post" and self.replace_sections(page, fields["sections"]):
            changed.append("sections (replaced)")
        return {"page": page, "new": new, "fields": changed}

    def replace_sections(self, article: Article, sections: list[tuple[int, str, str, str]]) -> bool:
        """Make the article's sections the post's; False when they already were."""
        if [(s.level, s.heading, s.anchor, s.body) for s in article.sections.all()] == sections:
            return False
        article.sections.all().delete()
        for order, (level, heading, anchor, body) in enumerate(sections, start=1):
            section = Section(article=article, order=order, level=level, heading=heading, anchor=anchor, body=body)
            section.full_clean()
            section.save()
        return True

    def person(self, name: str) -> Person | None:
        """The person of this name (the first, if editors made two), else a new one, listed as created
        (their page is public once they wrote a published article)."""
        if not name:
            return None
        if person := Person.objects.filter(name=name).order_by("pk").first():
            return person
        self.report.created("person", name)
        return Person.objects.create(name=name)

    def topic(self, nicename: str) -> Topic | None:
        if not nicename:
            return None
        category = self.categories.get(nicename)
        name = self.text(category, "wp:cat_name") if category is not None else nicename
        term_id = int(self.text(category, "wp:term_id") or 0) if category is not None else 0
        key = {"source": self.source, "kind": WordPressItem.Kind.CATEGORY, "wordpress_id": term_id}
        row = WordPressItem.objects.filter(**key).select_related("topic").first()
        if row and row.topic:
            return row.topic
        topic = Topic.objects.filter(name=name).first()
        if topic is None:
            topic = Topic(name=name, slug=slugify(nicename)[:100] or slugify(name)[:100])
            topic.full_clean()
            topic.save()
            self.report.created("topic", name)
        else:
            self.report.updated("topic", name, "a topic of this name was here: its posts are filed under it")
        WordPressItem.objects.create(**key, topic=topic, imported_hash="")
        return topic
