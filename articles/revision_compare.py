"""What changed between two revisions of an article, field by field and part by part.

django-reversion-compare's own comparison names a changed part by its title only ("Who it
helps -> Who it helps" when a takeaway's text changed) and lists fields no editor writes.
The admin's compare view calls `revision_changes` instead: every field an editor writes,
and every field of every takeaway, section, FAQ entry and reference, shown as a line diff
of what a person reads (choice labels, names, dates in the site's format).
"""

import difflib
import re
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from reversion.models import Revision, Version

from .models import ARTICLE_PARTS, Article


@dataclass(frozen=True)
class Change:
    label: str
    diff: SafeString


def revision_changes(older: Version, newer: Version) -> list[Change]:
    """The article's changed fields first, then its changed parts in page order."""
    changes = [
        Change(capfirst(field.verbose_name), line_diff(readable(field, before), readable(field, after)))
        for field, before, after in _field_pairs(Article, older.field_dict, newer.field_dict)
        if before != after
    ]
    article_id = int(older.object_id)
    for part in ARTICLE_PARTS:
        model = Article._meta.get_field(part).related_model
        before, after = _parts(older.revision, model, article_id), _parts(newer.revision, model, article_id)
        for pk in sorted(before.keys() | after.keys(), key=lambda pk: _position(after.get(pk) or before[pk], pk)):
            if before.get(pk) != after.get(pk):
                changes.append(_part_change(model, before.get(pk), after.get(pk)))
    return changes


def line_diff(before: str, after: str) -> SafeString:
    """Lines removed (<del>), added (<ins>) and kept, in order: how a Markdown edit reads best.

    Where one line replaces another, the words that differ are marked too (<strong>), so a
    one-word edit in a long paragraph is found at a glance.
    """
    old_lines, new_lines = before.splitlines() or [""], after.splitlines() or [""]
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old, new = old_lines[old_start:old_end], new_lines[new_start:new_end]
        if tag == "equal":
            rows.extend(format_html("  {}", line) for line in old)
        elif tag == "replace" and len(old) == len(new):
            for old_line, new_line in zip(old, new, strict=True):
                old_words, new_words = _word_diff(old_line, new_line)
                rows += [format_html("<del>- {}</del>", old_words), format_html("<ins>+ {}</ins>", new_words)]
        else:
            rows.extend(format_html("<del>- {}</del>", line) for line in old)
            rows.extend(format_html("<ins>+ {}</ins>", line) for line in new)
    return format_html(
        '<pre class="highlight line-diff">{}</pre>', format_html_join("\n", "{}", ((row,) for row in rows))
    )


def _word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both lines, escaped, with the words only one of them has in <strong>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    marked_old, marked_new = [], []
    for tag, old_start, old_end, new_start, new_end in difflib.SequenceMatcher(
        a=old_words, b=new_words, autojunk=False
    ).get_opcodes():
        old_part, new_part = "".join(old_words[old_start:old_end]), "".join(new_words[new_start:new_end])
        if tag == "equal":
            marked_old.append(escape(old_part))
            marked_new.append(escape(new_part))
            continue
        if old_part:
            marked_old.append(format_html("<strong>{}</strong>", old_part))
        if new_part:
            marked_new.append(format_html("<strong>{}</strong>", new_part))
    return mark_safe("".join(marked_old)), mark_safe("".join(marked_new))  # each piece escaped above


def readable(field: models.Field, value) -> str:
    """A stored value as the admin form shows it to an editor."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(deleted, #{value})"
    if isinstance(field, models.ManyToManyField):
        names = field.related_model._default_manager.filter(pk__in=value).values_list("title", flat=True)
        return "\n".join(sorted(names))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _field_pairs(model, before: dict, after: dict):
    """(field, value before, value after) for each field an editor sets on the admin form."""
    for field in model._meta.concrete_fields + model._meta.many_to_many:
        if field.editable and not field.primary_key and not _is_parent_link(model, field):
            yield field, before.get(field.attname), after.get(field.attname)


def _is_parent_link(model, field) -> bool:
    return isinstance(field, models.ForeignKey) and field.related_model is Article and model is not Article


def _parts(revision: Revision, model, article_id: int) -> dict:
    """The article's parts of one kind as the revision saved them: {pk: field values}."""
    versions = revision.version_set.get_for_model(model)
    return {
        int(version.object_id): version.field_dict
        for version in versions
        if version.field_dict.get("article_id") == article_id
    }


def _position(values: dict, pk: int) -> tuple:
    return (values.get("order") or 0, pk)


def _part_change(model, before: dict | None, after: dict | None) -> Change:
    name = capfirst(model._meta.verbose_name)
    title = str(model(**(after or before)))
    if before is None:
        label = f"{name} added: “{title}”"
    elif after is None:
        label = f"{name} removed: “{title}”"
    else:
        label = f"{name} “{title}”"
    fields = [
        (capfirst(field.verbose_name), line_diff(readable(field, old), readable(field, new)))
        for field, old, new in _field_pairs(model, before or {}, after or {})
        if old != new
    ]
    diff = format_html_join("", '<h4 class="part-field">{}</h4>{}', fields)
    return Change(label, diff)
