"""What search engines and link previews are told about a page: schema.org JSON-LD and the share image.

Built from the same values the page shows, so the two cannot disagree: the headline is the
title, the dates are the byline's `<time datetime>` values (`Article.last_updated()` decides
"Last updated" for both), the reviewer is the byline's, each citation a reference in the list,
the breadcrumb the visible trail (`article_trail()`, `topic_trail()`, which the page's
breadcrumb is written from too).

An article page is a `MedicalWebPage`: every article of this site is medical information. A
review (reviewedBy, lastReviewed) is said only when the page names a reviewer and a review date:
while it says "Medical review pending", or names a reviewer without a date, no review is claimed.

The article's people and references are not read when the page's head is rendered (that would
cost queries): `linked_parts()` keeps what is needed of them on the article's row, made with
its body by `article_body.store_bodies()`, so an edit of a reference or a person changes it as
it changes the body. Addresses are stored as paths and made absolute on SITE_URL when written, as the
canonical link is (`templates/includes/canonical.html`).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import Article, Person, Topic

SCHEMA_ORG = "https://schema.org"
# Bump when linked_parts() stores something else: article_body.body_version() reads it, so a
# deploy makes every stored copy again on its first read.
LINKED_PARTS_FORMAT = "1"
# The lead image rendition shared in link previews: the one the page's <img src> names
# (Article.lead_image_960), wide enough for a large card, a fraction of the 1600 one's bytes.
SHARE_WIDTH = 960
# What could end a <script> element or be read as the start of a comment inside it, and the two
# characters JavaScript once took for line ends: written as JSON escapes, as json_script does.
SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})

Absolute = Callable[[str], str]  # a path on this site -> the address a page names (site_address.absolute_url)


@dataclass(frozen=True)
class Crumb:
    name: str
    path: str


@dataclass(frozen=True)
class ShareImage:
    path: str
    width: int
    height: int
    alt: str


# The first crumb is "Home", not the site's name: a site named after its topic (the guide's
# "Ketamine Infusion") would read "Ketamine Infusion, Ketamine Infusion".
HOME = "Home"


def article_trail(article: Article) -> list[Crumb]:
    """The breadcrumb of an article page: home, topic (if any), article."""
    trail = [Crumb(HOME, reverse("articles:list"))]
    if article.topic:
        trail.append(Crumb(article.topic.name, article.topic.get_absolute_url()))
    return [*trail, Crumb(article.title, article.get_absolute_url())]


def topic_trail(topic: Topic) -> list[Crumb]:
    return [Crumb(HOME, reverse("articles:list")), Crumb(topic.name, topic.get_absolute_url())]


def share_image(article: Article) -> ShareImage | None:
    """The lead image rendition link previews show, with its size (ResizeToFit never scales up)."""
    if not article.lead_image or not article.lead_image_width or not article.lead_image_height:
        return None
    width = min(SHARE_WIDTH, article.lead_image_width)
    height = round(article.lead_image_height * width / article.lead_image_width)  # as pilkit rounds
    return ShareImage(article.lead_image_960.url, width, height, article.lead_image_alt)


def linked_parts(article: Article) -> dict:
    """What the JSON-LD needs of the article's people and references, kept on its row (store_bodies).

    Reads `article.references.all()`, which store_bodies prefetches.
    """
    return {
        "author": _person_facts(article.author),
        "reviewer": _person_facts(article.medical_reviewer),
        "citations": [{"name": reference.title, "url": reference.url} for reference in article.references.all()],
    }


def _person_facts(person: Person | None) -> dict | None:
    if person is None:
        return None
    return {
        "name": person.name,
        "credentials": person.credentials,
        "path": person.get_absolute_url(),
        "organization": person.is_organization,
    }


def article_page(article: Article, *, site_name: str, absolute: Absolute) -> dict:
    """The article page's JSON-LD: the MedicalWebPage and its breadcrumb."""
    stored = article.linked_data
    address = absolute(article.get_absolute_url())
    page = {
        "@type": "MedicalWebPage",
        "url": address,
        "mainEntityOfPage": address,
        "headline": article.title,
        "description": article.summary,
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher(site_name, absolute),
    }
    published, modified = publication_moments(article)
    if published:
        page["datePublished"], page["dateModified"] = published, modified
    if author := stored.get("author"):
        page["author"] = _person(author, absolute)
    if (reviewer := stored.get("reviewer")) and article.last_reviewed:
        page["reviewedBy"] = _person(reviewer, absolute)
        page["lastReviewed"] = article.last_reviewed.isoformat()
    if topic := article.topic:
        page["about"] = {"@type": "Thing", "name": topic.name, "url": absolute(topic.get_absolute_url())}
    if citations := stored.get("citations"):
        page["citation"] = [_citation(citation) for citation in citations]
    if image := share_image(article):
        page["image"] = {
            "@type": "ImageObject",
            "url": absolute(image.path),
            "width": image.width,
            "height": image.height,
            "caption": image.alt,
        }
    return graph(page, breadcrumb_list(article_trail(article), absolute))


def topic_page(topic: Topic, *, absolute: Absolute) -> dict:
    return graph(breadcrumb_list(topic_trail(topic), absolute))


def graph(*nodes: dict) -> dict:
    return {"@context": SCHEMA_ORG, "@graph": list(nodes)}


def breadcrumb_list(trail: list[Crumb], absolute: Absolute) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.name, "item": absolute(crumb.path)}
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def publisher(site_name: str, absolute: Absolute) -> dict:
    """The site as an Organization, named as editors name it (Sites), with its touch icon as logo."""
    return {
        "@type": "Organization",
        "name": site_name,
        "url": absolute(reverse("articles:list")),
        "logo": {"@type": "ImageObject", "url": absolute(static("apple-touch-icon.png"))},
    }


def publication_moments(article: Article) -> tuple[str, str]:
    """When it was published and last modified, as the byline shows them: its "Published", and its
    "Last updated" or, without one, "Published" again. Empty strings before publication."""
    if not article.published_at:
        return "", ""
    return moment(article.published_at), moment(article.last_updated() or article.published_at)


def moment(value) -> str:
    """A moment as the page's `<time datetime>` writes it (the html_datetime filter), in the site's time zone."""
    return timezone.localtime(value, timezone.get_default_timezone()).replace(microsecond=0).isoformat()


def _person(facts: dict, absolute: Absolute) -> dict:
    person = {
        "@type": "Organization" if facts["organization"] else "Person",
        "name": facts["name"],
        "url": absolute(facts["path"]),
    }
    if facts["credentials"]:
        person["hasCredential"] = {"@type": "EducationalOccupationalCredential", "name": facts["credentials"]}
    return person


def _citation(facts: dict) -> dict:
    """A reference by its title and link. Not its publisher: editors write the journal with its volume
    and pages there ("Pharmaceuticals (Basel), 2023, 17(1):16"), no organisation's name."""
    citation = {"@type": "CreativeWork", "name": facts["name"]}
    if facts["url"]:
        citation["url"] = facts["url"]
    return citation


def script_element(data: dict) -> SafeString:
    """`<script type="application/ld+json">` holding `data`: no text in it (a title, a reference's name)
    can end the element, open a comment in it, or break a line a script reader would."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
