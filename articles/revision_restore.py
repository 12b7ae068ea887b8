"""Restoring an earlier revision brings back an article's text and parts, not its publication.

django-reversion reverts every field a revision holds, status and publish time included, so
restoring a revision saved before publication would unpublish the article. The admin keeps
the publication as it is now (`publication_of` before the revert, `prepare_reverted` on the
reverted article the form is built from), so the editor sees today's status and publish time
in the restore form and changes them only on purpose. `restore_message` then tells the
editor what the restore changed, compared with the article as it was before.
"""

from dataclasses import dataclass, field

from django.contrib.admin.utils import model_ngettext
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from .models import ARTICLE_PARTS, Article

# What a restore leaves as it is now, unless the editor changes it in the restore form.
PUBLICATION_FIELDS = ("status", "published_at", "comments_open")


@dataclass(frozen=True)
class Restore:
    """An article as it was just before a revision of it was restored."""

    version: Version
    slug: str
    publication: dict
    content: dict = field(repr=False)

    @classmethod
    def of(cls, article: Article, version: Version) -> "Restore":
        return cls(version=version, slug=article.slug, publication=publication_of(article), content=content_of(article))


def publication_of(article: Article) -> dict:
    return {name: getattr(article, name) for name in PUBLICATION_FIELDS}


def prepare_reverted(article: Article, restore: Restore) -> None:
    """Make the reverted article the restore form shows: today's publication, no redirect from its own address.

    A revision saved before a rename brings back an address that is now one of the article's
    old addresses; it becomes the current address again, so it is no longer a redirect (the
    address it replaces becomes one after the save, see ArticleAdmin.revision_view). This runs
    inside django-reversion's transaction: viewing the form without saving undoes it.
    """
    for name, value in restore.publication.items():
        setattr(article, name, value)
    article.old_addresses.filter(slug=article.slug).delete()


def content_of(article: Article) -> dict:
    """What an editor writes: the article's own fields (publication aside) and each part's fields."""
    content = {"article": model_to_dict(article, exclude=PUBLICATION_FIELDS)}
    for part in ARTICLE_PARTS:
        content[part] = {row.pk: model_to_dict(row, exclude=["id", "article"]) for row in getattr(article, part).all()}
    return content


def restored_changes(before: dict, after: dict) -> list[str]:
    """What differs, in the editor's words: "title", "introduction", "2 sections", "1 FAQ entry"."""
    fields = Article._meta
    changes = [
        str(fields.get_field(name).verbose_name)
        for name, value in after["article"].items()
        if before["article"].get(name) != value
    ]
    for part in ARTICLE_PARTS:
        old, new = before[part], after[part]
        changed = sum(1 for pk in old.keys() | new.keys() if old.get(pk) != new.get(pk))
        if changed:
            changes.append(f"{changed} {model_ngettext(fields.get_field(part).related_model, changed)}")
    return changes


def restore_message(restore: Restore, article: Article) -> str:
    """E.g. "Restored the revision of 3 May 2026, 14:02 by ann: title, 2 sections. Status (Published) and
    publish time kept." """
    changes = restored_changes(restore.content, content_of(article))
    what = ", ".join(changes) if changes else "nothing differed from the article as it was"
    return f"Restored {revision_name(restore.version)}: {what}. {_publication_outcome(restore.publication, article)}"


def revision_name(version: Version) -> str:
    """E.g. "the revision of 3 May 2026, 14:02 by ann"."""
    revision = version.revision
    when = date_format(timezone.localtime(revision.date_created), "DATETIME_FORMAT")
    return f"the revision of {when} by {revision.user.get_username()}" if revision.user else f"the revision of {when}"


def _publication_outcome(kept: dict, article: Article) -> str:
    if _to_the_second(publication_of(article)) == _to_the_second(kept):
        return f"Status ({article.get_status_display()}) and publish time kept."
    when = date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT") if article.published_at else "none"
    return f"Status now {article.get_status_display()}, publish time {when}, as set in the form."


def _to_the_second(publication: dict) -> dict:
    """The admin form shows and sends times to the second: a time it sent back unchanged is the same time."""
    published_at = publication["published_at"]
    return publication | {"published_at": published_at and published_at.replace(microsecond=0)}
