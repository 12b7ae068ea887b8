"""Load guides from the YAML data files in articles/content/ into the database.

The rule that keeps editors' work safe: an article that already exists is compared
with its data file. Equal: nothing is written. Different (an editor changed it, or the
file changed): it is left as it is unless the caller asks for a reset.

What a field may hold is checked once, by the models' full_clean() as the admin checks it,
when the file is written; reading a file checks only what full_clean() cannot: that it is
YAML of the expected shape, names its article's address, and writes dates as dates.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import reversion
import yaml
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import NOT_PROVIDED
from django.utils.text import slugify

from .article_body import bodies_made_once
from .models import FAQ, Article, Person, Reference, Section, Takeaway, Topic

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_SITE_NAME = "example.com"  # what django.contrib.sites creates

ARTICLE_FIELDS = (
    "title",
    "summary",
    "introduction_heading",
    "introduction",
    "takeaways_heading",
    "toc_heading",
    "faq_heading",
    "closing",
)
PART_FIELDS = {
    "takeaways": ("label", "text"),
    "sections": ("heading", "level", "body"),
    "faqs": ("question", "answer"),
    "references": ("title", "publisher", "url"),
}
PART_MODELS = {"takeaways": Takeaway, "sections": Section, "faqs": FAQ, "references": Reference}
PEOPLE_FIELDS = ("author", "medical_reviewer")
REVIEW_DATES = ("last_reviewed", "next_review_due")


class GuideFileError(ValueError):
    """A data file that cannot be loaded; the message says which file and what is wrong."""


@dataclass(frozen=True)
class Guide:
    file_name: str  # named in every error
    site_name: str
    slug: str
    content: dict  # ARTICLE_FIELDS, status, people, review dates and the PART_FIELDS lists, normalised
    # The topic's description, used only when load_guide creates the topic: after that it is the
    # editors' (admin: Topics), so it is not part of `content`, which a reload compares.
    topic_description: str = ""


def guide_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.yaml"))


def read_guide(path: Path) -> Guide:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise GuideFileError(f"{path.name}: cannot be read ({error}).") from error
    if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
        raise GuideFileError(f"{path.name}: expected an 'article:' mapping at the top level.")
    article = data["article"]
    if not article.get("slug"):  # how the article already loaded is found
        raise GuideFileError(f"{path.name}: article is missing slug.")
    content = {field: _text(article.get(field, _default(field))) for field in ARTICLE_FIELDS}
    content["topic"] = _text(article.get("topic"))  # its name: the topic is found by it, or created
    content["topic_is_mental_health"] = article.get("topic_is_mental_health", False)
    if type(content["topic_is_mental_health"]) is not bool:  # a quoted 'no' would count as true
        raise GuideFileError(f"{path.name}: topic_is_mental_health must be true or false.")
    content["status"] = article.get("status", Article.Status.PUBLISHED)
    for role in PEOPLE_FIELDS:
        content[role] = _person(path, role, article.get(role))
    for field in REVIEW_DATES:
        value = article.get(field)
        # Compared with the stored date, so a date it must be: full_clean() would take "2026-11-01"
        # as text or a datetime cut to its day, and the guide would never count as unchanged.
        if value is not None and type(value) is not date:  # a datetime is a date subclass: refused too
            raise GuideFileError(f"{path.name}: {field} must be a date written as YYYY-MM-DD.")
        content[field] = value
    for part, fields in PART_FIELDS.items():
        rows = article.get(part) or []
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise GuideFileError(f"{path.name}: '{part}' must be a list of mappings.")
        content[part] = [_part_row(fields, row) for row in rows]
    site_name = _text(data.get("site_name", ""))
    topic_description = _text(article.get("topic_description"))
    return Guide(
        file_name=path.name,
        site_name=site_name,
        slug=str(article["slug"]),
        content=content,
        topic_description=topic_description,
    )


def _default(field: str) -> str:
    """What the admin would fill in for a field the file leaves out ("Top Takeaways", ...)."""
    default = Article._meta.get_field(field).default
    return "" if default is NOT_PROVIDED else default


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _person(path: Path, role: str, value) -> tuple[str, str, bool] | None:
    """(name, credentials, is a team or organisation), as Person stores them."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value.get("name"):
        raise GuideFileError(f"{path.name}: {role} needs a name (and may have credentials).")
    if not isinstance(value.get("organization", False), bool):
        raise GuideFileError(f"{path.name}: {role}'s organization must be true or false.")
    return (_text(value["name"]), _text(value.get("credentials", "")), value.get("organization", False))


def _part_row(fields: tuple, row: dict) -> dict:
    values = {field: _text(row.get(field)) for field in fields if field != "level"}
    if "level" in fields:
        values["level"] = row.get("level", Section.Level.SECTION)
    return values


def article_content(article: Article) -> dict:
    """The article as the same normalised dict a data file gives, for comparison."""
    content = {field: _text(getattr(article, field)) for field in ARTICLE_FIELDS}
    content["topic"] = article.topic.name if article.topic else ""
    content["topic_is_mental_health"] = article.topic.is_mental_health if article.topic else False
    content["status"] = article.status
    for role in PEOPLE_FIELDS:
        person = getattr(article, role)
        content[role] = (person.name, person.credentials, person.is_organization) if person else None
    for field in REVIEW_DATES:
        content[field] = getattr(article, field)
    for part, fields in PART_FIELDS.items():
        content[part] = [
            {field: getattr(row, field) if field == "level" else _text(getattr(row, field)) for field in fields}
            for row in getattr(article, part).all()
        ]
    return content


@transaction.atomic
def load_guide(guide: Guide, *, reset: bool = False) -> list[str]:
    """Bring one guide into the database; return what was done, one line per decision.

    What it writes is checked by the models' own validation (full_clean) first; a file the
    admin would refuse raises GuideFileError naming the field, and writes nothing.
    """
    try:
        return [_load_site_name(guide.site_name, reset=reset), _load_article(guide, reset=reset)]
    except ValidationError as error:
        raise GuideFileError(f"{guide.file_name}: {_problems(error)}") from error


def _problems(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())


def _load_site_name(name: str, *, reset: bool) -> str:
    site = Site.objects.get_current()
    if not name or site.name == name:
        return f"Site name “{site.name}”: unchanged."
    if site.name != DEFAULT_SITE_NAME and not reset:
        return f"Site name “{site.name}”: kept (the data file says “{name}”; use --reset to take it)."
    site.name = name
    site.save()
    return f"Site name set to “{name}”."


def _load_article(guide: Guide, *, reset: bool) -> str:
    article = Article.at_address(guide.slug)
    if article is None:
        article = Article(slug=guide.slug)
        _write(article, guide.content, topic_description=guide.topic_description)
        return f"“{article.title}”: created ({article.publication_state().label}) at {article.get_absolute_url()}"
    if article_content(article) == guide.content:
        return f"“{article.title}”: unchanged."
    if not reset:
        return (
            f"“{article.title}”: kept as it is. It differs from its data file (edited in the admin?). "
            "Run with --reset to overwrite it with the data file."
        )
    _write(article, guide.content, topic_description=guide.topic_description)
    return f"“{article.title}”: reset to its data file."


def _topic(name: str, *, is_mental_health: bool, description: str = "") -> Topic | None:
    """The topic of this name, created with an address made from it and the file's description if
    there is none yet, with the file's mental-health flag (it decides whether the guide shows crisis help).

    An existing topic keeps its address and description as editors left them; its flag is the
    file's only when the guide is written (created, or reset: a flag editors changed since makes
    the guide differ from its file, and it is kept).
    """
    if not name:
        return None
    topic = Topic.objects.filter(name=name).first() or Topic(
        name=name, slug=slugify(name)[:100], description=description
    )
    if topic.pk is None or topic.is_mental_health != is_mental_health:
        topic.is_mental_health = is_mental_health
        topic.full_clean()
        topic.save()
    return topic


def _write(article: Article, content: dict, *, topic_description: str = "") -> None:
    with reversion.create_revision(), bodies_made_once():  # the body once, after every part
        reversion.set_comment("Loaded from its data file by load_guide.")
        _write_content(article, content, topic_description=topic_description)


def _write_content(article: Article, content: dict, *, topic_description: str = "") -> None:
    for field in ARTICLE_FIELDS:
        setattr(article, field, content[field])
    article.topic = _topic(
        content["topic"], is_mental_health=content["topic_is_mental_health"], description=topic_description
    )
    article.status = content["status"]
    for role in PEOPLE_FIELDS:
        person = content[role]
        if person:
            name, credentials, team = person
            person = Person.objects.get_or_create(name=name, credentials=credentials, is_organization=team)[0]
        setattr(article, role, person)
    for field in REVIEW_DATES:
        setattr(article, field, content[field])
    article.full_clean()
    article.save()
    for part, model in PART_MODELS.items():
        getattr(article, part).all().delete()
        for position, row in enumerate(content[part], start=1):
            instance = model(article=article, order=position, **row)
            try:
                instance.full_clean()
            except ValidationError as error:  # say which entry: "sections, entry 2: level: ..."
                raise ValidationError(f"{part}, entry {position}: {_problems(error)}") from error
            instance.save()
