"""What changed between two revisions of an article, field by field and part by part.

django-reversion-compare's own comparison names a changed part by its title only ("Who it
helps -> Who it helps" when a takeaway's text changed) and lists fields no editor writes.
The admin's compare view calls `revision_changes` instead: every field an editor writes,
and every field of every takeaway, section, FAQ entry and reference, shown as a line diff
of what a person reads (choice labels, names, dates in the site's format).
"""

import difflib
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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
    """Lines removed (<del>), added (<ins>) and kept, in order: how a Markdown edit reads best."""
    old_lines, new_lines = before.splitlines() or [""], after.splitlines() or [""]
    rows = []  # (tag, sign, line)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(("", "  ", line) for line in old_lines[old_start:old_end])
            continue
        rows.extend(("del", "- ", line) for line in old_lines[old_start:old_end])
        rows.extend(("ins", "+ ", line) for line in new_lines[new_start:new_end])
    marked = (format_html("<{0}>{1}{2}</{0}>", tag, sign, line) if tag else sign + line for tag, sign, line in rows)
    lines = format_html_join("\n", "{}", ((line,) for line in marked))
    return format_html('<pre class="highlight line-diff">{}</pre>', lines)


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
