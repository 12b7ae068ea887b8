"""The comments of one WordPress export item, brought in as this site's comments.

The import command (articles.management.commands.import_wordpress) calls import_item_comments()
for each item, inside its one transaction, with the Article it made or found for the item.

- Keyed by the WordPress site (`source`) and the comment's id, stored on the comment
  (`imported_from`, `imported_id`): a second run creates nothing, and updates (and reports) a
  comment whose text, author or status changed in the export since the last import. A digest of
  what the export said (`imported_digest`) tells the two apart: a moderator's decision or edit
  here since the import is kept while the export says the same as it did, and a comment whose
  author had their data erased here (comments.personal_data.erase) is never written again.
- Saved through the model, never `services.post_comment()`: the comments were moderated on the
  old site, so the rules do not judge them again and nobody gets mail. Each save makes the
  stored fragment and retires the article's pages (comments.apps), so counts and pages are
  right when the import's transaction commits.
- Text: WordPress keeps a comment as HTML with its line breaks meaningful, and shows it through
  wpautop (blank line: paragraph; line break: `<br>`); the same rules
  (articles.wordpress_autop) give it its paragraphs before conversion. What a reader could
  have typed here (paragraphs, line breaks, bold, italics, code, quotes, lists, links) becomes
  the comment Markdown; any other tag goes and its text stays (its name is reported as dropped),
  and the result goes through the same renderer and sanitizer as a comment posted here.
  A comment longer than the form's 5,000 characters is kept whole: it was published elsewhere,
  and cutting a reader's words silently is worse. One beyond what the Markdown pipeline renders
  safely (articles.markdown.check_renderable: 50,000 characters, nesting, brackets) stops the
  import with a message naming the comment, rather than storing text no page can show.
- Pingbacks and trackbacks are skipped with a report line naming the linking page: they are
  not a reader's words, carry no e-mail address, and this site has no kind of comment to show
  mentions apart from conversation; the site owner can link the page by hand if it matters.
- Threads: a reply keeps its parent; one deeper than MAX_DEPTH goes under its deepest ancestor
  that still takes replies (comments there stay in date order); one whose parent is not in the
  export (or was skipped) becomes a top-level comment whose reason tells moderators so.
- A comment by a registered WordPress user (comment_user_id not 0) becomes a staff reply only
  when its user is mapped (`user_map`: WordPress login -> staff account, from `--map-user`).
  WordPress's key is the login: the channel lists each `<wp:author>` with its id and login
  (`authors`, id -> login, passed by the import) and the comment carries that id. WordPress lists
  only users who wrote posts, so for a registered user not in that list the name the comment was
  posted under (`comment_author`, their display name) is matched against the logins instead: the
  one thing the export says of them (never a listed user's login: that mapping is that user's).
  The comment's e-mail is not matched: WordPress copies it from the profile when the comment is
  written, so it goes stale (the fixture's admin commented as admin@example.org, their profile
  says admin@example.com), and a staff account whose address happens to match would take over a
  user nobody mapped. `staff_replies` counts, per login, the
  comments it made staff replies (new, updated or unchanged), for the command's summary.
  Otherwise it is a plain comment under the name it had. Whose reply an imported comment is
  follows each run's mapping, compared apart from the digest (it is not the export's text): a
  mapping added on a later run makes it a staff reply, a run without it makes it plain again,
  each reported as an update.
"""

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_ipv46_address

from articles.markdown import MarkdownRefused, check_renderable
from articles.wordpress_autop import wpautop
from articles.wordpress_import import WP_NAMESPACE, ZERO_DATE
from infusion_site.web_addresses import WebAddressField

from .models import MAX_DEPTH, Comment, DiscussionSettings
from .personal_data import ERASED_REASON

WP = f"{{{WP_NAMESPACE}}}"
STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "trash": Comment.Status.REMOVED,
    "spam": Comment.Status.SPAM,
}
IMPORTED = "Imported from WordPress."
ORPHAN = "Imported: its parent was not in the export."
# Compared with the export on a second run: a change to any of these is an update, reported.
COMPARED = ("name", "email", "website", "body", "status")


class CommentNotImportable(CommandError):
    """A comment the import cannot store as it is; the message names it. A CommandError, so the
    command prints the message alone and its transaction writes nothing."""


def import_item_comments(
    item: ET.Element,
    article,
    *,
    source: str,
    user_map: dict,
    report,
    dry_run: bool,
    authors: dict[int, str] | None = None,
    staff_replies: Counter | None = None,
) -> None:
    """Create or update the comments of one WXR `<item>` under `article` (None for a site page).

    `authors`: the channel's WordPress user ids -> logins; `staff_replies`: counted per mapped login.
    """
    mapping = _Mapping(user_map, authors or {}, Counter() if staff_replies is None else staff_replies)
    comments = item.findall(f"{WP}comment")
    title = item.findtext("title") or item.findtext(f"{WP}post_name") or "an item"
    if not comments:
        return
    if article is None:
        for element in comments:
            report.skipped(
                "comment", _describe(element, title), "comments on a page are not imported: site pages have no comments"
            )
        return
    rows = {}
    for element in comments:
        wp_id = _text(element, "comment_id")
        if _text(element, "comment_type") in ("pingback", "trackback"):
            report.skipped(
                _text(element, "comment_type"),
                f"from {_text(element, 'comment_author_url') or 'an unnamed page'} on “{title}”",
                "pingbacks and trackbacks are not imported: this site shows readers' comments only",
            )
            continue
        status = STATUSES.get(_text(element, "comment_approved"))
        if status is None:
            report.skipped(
                "comment",
                _describe(element, title),
                f"its WordPress status “{_text(element, 'comment_approved')}” is not one this site knows",
            )
            continue
        if not wp_id.isdigit():
            raise CommentNotImportable(f"A comment on “{title}” has no valid WordPress id ({wp_id!r}).")
        if int(wp_id) in rows:
            raise CommentNotImportable(f"WordPress comment {wp_id} appears twice on “{title}”: export again.")
        rows[int(wp_id)] = _fields(element, status=status, title=title, mapping=mapping)
    existing = {
        comment.imported_id: comment
        for comment in Comment.objects.filter(imported_from=source, imported_id__in=list(rows)).select_related("parent")
    }
    made: dict[int, Comment | None] = {}
    placing: set[int] = set()

    def place(wp_id: int) -> Comment | None:
        """The comment for this WordPress id, its parent placed first (an export may list replies first)."""
        if wp_id in made:
            return made[wp_id]
        placing.add(wp_id)
        fields = rows[wp_id]
        parent_id = fields.pop("wp_parent")
        parent = None
        if parent_id in rows and parent_id not in placing:  # a parent that is its own ancestor is no parent
            parent = place(parent_id)
            while parent.depth >= MAX_DEPTH:
                parent = parent.parent
        elif parent_id:
            fields["status_reason"] = ORPHAN
        made[wp_id] = _store(
            wp_id, fields, parent, article=article, source=source, existing=existing, report=report, dry_run=dry_run
        )
        placing.discard(wp_id)
        return made[wp_id]

    for wp_id in sorted(rows, key=lambda key: (rows[key]["created_at"], key)):
        place(wp_id)


def _store(wp_id, fields, parent, *, article, source, existing, report, dry_run) -> Comment | None:
    what = f"{fields['name']} (WordPress comment {wp_id}) on “{article}”"
    digest = fields.pop("digest")
    # What its conversion lost is news on the run that writes the comment only, not on each later one.
    dropped = fields.pop("dropped")
    comment = existing.get(wp_id)
    if comment is None:
        for why in dropped:
            report.dropped("comment", f"WordPress comment {wp_id} on “{article}”", why)
        if dry_run:
            report.created("comment", what, Comment.Status(fields["status"]).label.lower())
            # Not saved: an object that answers .depth and .parent, so its replies are placed as they would be.
            return Comment(article=article, parent=parent, depth=parent.depth + 1 if parent else 1, **fields)
        comment = Comment.objects.create(
            article=article, parent=parent, imported_from=source, imported_id=wp_id, imported_digest=digest, **fields
        )
        report.created("comment", what, Comment.Status(fields["status"]).label.lower())
        return comment
    erased = comment.status_reason == ERASED_REASON
    # Whose reply it is follows this run's --map-user, not the export's text: compared apart from the digest.
    staff = {"is_staff_reply": fields.get("is_staff_reply", False), "user": fields.get("user")}
    restaffed = not erased and (comment.is_staff_reply, comment.user_id) != (
        staff["is_staff_reply"],
        staff["user"].pk if staff["user"] else None,
    )
    if comment.imported_digest == digest and not restaffed:
        return comment
    if erased:  # what its author asked to have erased never comes back
        report.skipped("comment", f"WordPress comment {wp_id} on “{article}”", "its author's data was erased here")
        return comment
    changed = []
    if comment.imported_digest != digest:  # else a moderator's edit here is kept: the export says what it said
        changed = [name for name in COMPARED if getattr(comment, name) != fields[name]]
    whys = [
        f"status {comment.status} -> {fields['status']}" if name == "status" else f"{name} changed" for name in changed
    ]
    if restaffed:
        changed += ["is_staff_reply", "user"]  # its reason stays: a moderator may have written one
        if "name" not in changed and comment.name != fields["name"]:  # the staff account's name, or the export's
            changed.append("name")
        whys.append(
            f"now a staff reply by {staff['user'].username}"
            if staff["user"]
            else "no longer a staff reply: its WordPress user is not mapped"
        )
    if whys:
        report.updated("comment", what, ", ".join(whys))
    if comment.imported_digest != digest:  # its text, as the export now says it, is written
        for why in dropped:
            report.dropped("comment", f"WordPress comment {wp_id} on “{article}”", why)
    if not dry_run:
        for name in changed:
            setattr(comment, name, fields.get(name, staff.get(name)))
        comment.imported_digest = digest
        comment.save(update_fields=[*changed, "imported_digest"])
    return comment


def _digest(fields: dict) -> str:
    """What the export says of the fields a later import may update, as a short fingerprint."""
    said = json.dumps([str(fields[name]) for name in COMPARED], ensure_ascii=False)
    return hashlib.sha256(said.encode()).hexdigest()[:32]


def _fields(element: ET.Element, *, status: str, title: str, mapping: "_Mapping") -> dict:
    """The comment's fields, and under "dropped" what of the export they could not hold (each a why)."""
    wp_id = _text(element, "comment_id")
    dropped: set[str] = set()
    fields = {
        "name": unescape(_text(element, "comment_author")).strip() or "Anonymous",
        "email": _text(element, "comment_author_email").strip(),
        "website": _text(element, "comment_author_url").strip(),
        "ip_address": _text(element, "comment_author_IP").strip() or None,
        "user_agent": _text(element, "comment_agent").strip(),
        "created_at": _date(element, title),
        "status": status,
        "status_reason": IMPORTED,
        "wp_parent": int(_text(element, "comment_parent") or 0),
        "body": comment_markdown(_text(element, "comment_content"), dropped=dropped),
    }
    fields["dropped"] = _fit_author(fields) + [f"<{tag}> is not kept: its text is" for tag in sorted(dropped)]
    try:
        check_renderable(fields["body"])
    except MarkdownRefused as refusal:
        raise CommentNotImportable(
            f"WordPress comment {wp_id} on “{title}” cannot be imported: {refusal} "
            "Shorten it in WordPress, or mark it as trash there, and export again."
        ) from None
    # What the export says, before the mapping names a staff reply: a mapping given or dropped on a later run
    # (or the staff name changed in the settings) is no change of the export's, so puts back no text over an edit.
    fields["digest"] = _digest(fields)
    if user := mapping.staff_account(element):
        fields |= {
            "is_staff_reply": True,
            "user": user,
            "name": DiscussionSettings.get_solo().staff_name(user),
            "status_reason": f"{IMPORTED} Staff reply.",
        }
    return fields


def _fit_author(fields: dict) -> list[str]:
    """Author details this site cannot hold: a name cut to its field, anything else left out; what was, each a why.

    A cut address or IP would be a wrong one, worse than none; a name keeps its start. A website is held
    to the comment form's rule (infusion_site.web_addresses: http or https), else left out.
    """
    dropped = []
    for name in ("name", "email", "website", "user_agent"):
        limit = Comment._meta.get_field(name).max_length
        if len(fields[name]) > limit:
            dropped.append(f"its {name} was longer than {limit} characters")
            fields[name] = fields[name][:limit] if name == "name" else ""
    if fields["website"]:
        try:  # the comment form's rule (http or https): a javascript: link on the author's name would run script
            fields["website"] = WebAddressField(max_length=Comment._meta.get_field("website").max_length).clean(
                fields["website"]
            )
        except ValidationError:
            dropped.append("its website is no http or https address")
            fields["website"] = ""
    if fields["ip_address"]:
        try:
            validate_ipv46_address(fields["ip_address"])
        except ValidationError:
            dropped.append(f"its IP address {fields['ip_address']!r} is not one")
            fields["ip_address"] = None
    return dropped


class _Mapping:
    """`--map-user`: which staff account, if any, a registered WordPress user's comment is by (module docstring)."""

    def __init__(self, user_map: dict, authors: dict[int, str], staff_replies: Counter):
        self.user_map, self.authors, self.staff_replies = user_map, authors, staff_replies

    def staff_account(self, element: ET.Element):
        user_id = _text(element, "comment_user_id").strip()
        if not user_id.isdigit() or int(user_id) == 0:
            return None  # a visitor: never a staff reply
        login = self.authors.get(int(user_id))
        if login is None:  # a registered user WordPress did not list: known by the name they posted under,
            login = unescape(_text(element, "comment_author")).strip()
            if login in self.authors.values():  # unless that is a listed user's login: theirs, not this one's
                return None
        user = self.user_map.get(login)
        if user is not None:
            self.staff_replies[login] += 1
        return user


def _date(element: ET.Element, title: str) -> datetime:
    """When it was posted: the GMT date, else the local one read in this site's time zone.

    The export does not name the WordPress site's own zone; an export without GMT dates is rare
    (WordPress writes both), and the site's zone is the nearest guess for a site moving here.
    """
    wp_id = _text(element, "comment_id")
    gmt = _text(element, "comment_date_gmt").strip()
    text, zone = (gmt, ZoneInfo("UTC")) if gmt and gmt != ZERO_DATE else (_text(element, "comment_date").strip(), None)
    try:
        moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise CommentNotImportable(
            f"WordPress comment {wp_id} on “{title}” has no valid date ({text!r}): fix it in WordPress, export again."
        ) from None
    return moment.replace(tzinfo=zone or ZoneInfo(settings.TIME_ZONE))


def _text(element: ET.Element, name: str) -> str:
    return element.findtext(f"{WP}{name}") or ""


def _describe(element: ET.Element, title: str) -> str:
    name = unescape(_text(element, "comment_author")) or "Anonymous"
    return f"{name} (WordPress comment {_text(element, 'comment_id')}) on “{title}”"


def comment_markdown(html: str, *, dropped: set[str]) -> str:
    """WordPress's comment HTML as this site's comment Markdown; the names of tags not kept go into `dropped`.

    WordPress shows comment text through wpautop (its comment_text filter): a blank line is a new
    paragraph, a single line break a line break, except at a block's edge (`<blockquote>`, a
    list's items) and after a `<br>` written there. The same function gives the HTML its
    paragraphs here first, so the converter reads only tags, as a browser does.
    """
    converter = _CommentConverter()
    converter.feed(wpautop(html))
    converter.close()
    dropped.update(converter.dropped)
    text = "".join(converter.out)
    text = re.sub(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*", "\n\n", text)
    text = re.sub(r"(?<=\S) \n", "\n", text)  # the space a line end became, before a new line; "  \n" stays a break
    return "\n".join(line.rstrip() if line.strip() == "" else line for line in text.strip().split("\n"))


_HREF_ESCAPES = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


class _CommentConverter(HTMLParser):
    """The tags a reader can write here as Markdown; any other tag's text only (script and style: nothing)."""

    INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
    SILENT = {"script", "style"}
    KEPT = {"p", "br", "ul", "ol", "li", "blockquote", "a", *INLINE}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropped: set[str] = set()
        self.links: list[str | None] = []
        self.lists: list[str] = []
        self.quote = 0
        self.silent = 0
        self.pre = 0  # inside <pre> (not kept: its text is), wpautop left the line ends: they stay

    def _newline(self, blank: bool, hard: bool = True) -> None:
        """A new paragraph, or a new line: a hard break (two spaces) unless a list item starts it."""
        self.out.append("\n\n" if blank else "  \n" if hard else "\n")
        self.out.append("> " * self.quote)

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.pre += 1
        if tag in self.SILENT:
            self.silent += 1
        elif tag in self.INLINE:
            self.out.append(self.INLINE[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            keep = href.startswith(("http://", "https://", "mailto:"))
            # In Markdown's (href) a space or a parenthesis would end the address and start text or a link of its own.
            href = "".join(_HREF_ESCAPES.get(char, char) for char in href)
            self.links.append(href if keep else None)
            if keep:
                self.out.append("[")
        elif tag == "br":
            self._newline(blank=False)
        elif tag == "p":
            self._newline(blank=True)
        elif tag == "blockquote":
            self.quote += 1
            self._newline(blank=True)
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self._newline(blank=True)
        elif tag == "li":
            self._newline(blank=False, hard=False)
            self.out.append("   " * (len(self.lists) - 1) + ("1. " if self.lists[-1:] == ["ol"] else "- "))
        if tag not in self.KEPT:
            self.dropped.add(tag)

    def handle_endtag(self, tag):
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in self.SILENT:
            self.silent = max(0, self.silent - 1)
        elif tag in self.INLINE:
            self.out.append(self.INLINE[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.out.append(f"]({href})")
        elif tag == "p":
            self._newline(blank=True)
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            self._newline(blank=True)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._newline(blank=True)

    def handle_data(self, data):
        if self.silent:
            return
        data = re.sub(r"([\\`*_\[\]])", r"\\\1", data)
        if not self.pre:  # after wpautop a line end in text is a space, as in a browser
            data = re.sub(r"\s*\n\s*", " ", data)
            written = next((text for text in reversed(self.out) if text), "\n")
            if written.endswith(("\n", "> ")):  # a line's start: no space opens it
                data = data.lstrip()
            self.out.append(data)
            return
        parts = re.split(r"\n[ \t]*\n", data)
        for number, part in enumerate(parts):
            if number:
                self._newline(blank=True)
            lines = part.split("\n")
            for line_number, line in enumerate(lines):
                if line_number:
                    self._newline(blank=False)
                self.out.append(line)
