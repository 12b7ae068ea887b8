"""Link previews (Open Graph, Twitter cards): the article's title, summary, dates and lead image with its
description; every other page its title, description and the site's name."""

import json
import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles.models import Person, SitePage


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def meta_tags(html: str) -> dict[str, str]:
    head = html.split("</head>", 1)[0]
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', head))


def with_lead_image(article, size=(2000, 1000), alt="A nurse preparing an infusion"):
    output = BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(output, format="JPEG")
    article.lead_image = SimpleUploadedFile("photo.jpg", output.getvalue(), content_type="image/jpeg")
    article.lead_image_alt = alt
    article.save()
    return article


def test_an_article_with_a_lead_image_is_shared_as_a_large_card_with_its_description(make_article, media_in_tmp):
    article = with_lead_image(make_article(title="Infusions", summary="What they are."))
    html = Client().get(article.get_absolute_url()).content.decode()
    tags = meta_tags(html)
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Infusions"
    assert tags["og:description"] == "What they are."
    assert tags["og:site_name"] == "example.com"
    image = tags["og:image"]
    assert image.startswith(f"{settings.SITE_URL}/media/renditions/") and image.endswith(".webp")
    # The 960 px rendition the page's <img src> names, and it is stored where the address says.
    assert (media_in_tmp / image.removeprefix(f"{settings.SITE_URL}/media/")).exists()
    assert (tags["og:image:width"], tags["og:image:height"]) == ("960", "480")
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == "A nurse preparing an infusion"
    assert tags["twitter:card"] == "summary_large_image"
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert json_ld["@graph"][0]["image"] == {
        "@type": "ImageObject",
        "url": image,
        "width": 960,
        "height": 480,
        "caption": "A nurse preparing an infusion",
    }


def test_a_small_lead_image_is_shared_at_its_own_size(make_article):
    article = with_lead_image(make_article(), size=(600, 401))
    tags = meta_tags(Client().get(article.get_absolute_url()).content.decode())
    assert (tags["og:image:width"], tags["og:image:height"]) == ("600", "401")


def test_an_article_without_a_lead_image_is_a_small_card_with_no_image(make_article):
    tags = meta_tags(Client().get(make_article().get_absolute_url()).content.decode())
    assert tags["twitter:card"] == "summary"
    assert not {"og:image", "og:image:alt", "twitter:image:alt"} & tags.keys()


def shown_time(html: str, label: str) -> str:
    return re.search(rf'<dt>{label}</dt>\s*<dd><time datetime="([^"]+)"', html).group(1)


def test_the_cards_dates_are_the_bylines(guide, make_article):
    html = Client().get(guide.get_absolute_url()).content.decode()
    tags = meta_tags(html)
    assert "Last updated" not in html
    assert tags["article:published_time"] == tags["article:modified_time"] == shown_time(html, "Published")
    article = make_article(published_at=timezone.now() - timedelta(days=3))
    article.sections.first().save()  # a change readers see, days after publication
    html = Client().get(article.get_absolute_url()).content.decode()
    tags = meta_tags(html)
    assert tags["article:published_time"] == shown_time(html, "Published")
    assert tags["article:modified_time"] == shown_time(html, "Last updated") != tags["article:published_time"]


def test_a_comment_never_reaches_the_cards(guide, make_comment):
    make_comment(guide, name="Mallory", body="Buy pills at spam.example")
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert "Buy pills at spam.example" in html  # shown under the article
    head = html.split("</head>", 1)[0]
    assert "spam.example" not in head and "Mallory" not in head


@pytest.mark.parametrize("page", ["home", "topic", "person", "site page"])
def test_every_page_names_its_title_description_and_the_site_for_previews(page, guide, make_article):
    call_command("load_guide", verbosity=0)  # the default site pages
    person = Person.objects.create(name="Dr Jo Reviewer", credentials="MD")
    make_article(title="Reviewed", slug="reviewed", medical_reviewer=person)
    path, title = {
        "home": ("/", "Ketamine Infusion"),
        "topic": (guide.topic.get_absolute_url(), guide.topic.name),
        "person": (person.get_absolute_url(), "Dr Jo Reviewer"),
        "site page": (SitePage.objects.get(slug="about").get_absolute_url(), "About"),
    }[page]
    html = Client().get(path).content.decode()
    tags = meta_tags(html)
    assert tags["og:site_name"] == "Ketamine Infusion"
    assert tags["og:title"] == title
    assert tags["og:description"] == tags["description"] != ""
