"""Checks run when an editor saves an article: problems worth a warning, not worth refusing the save."""

import re

from django.urls import Resolver404, resolve

from .image_sizes import IMG_TAG, SRC
from .models import RESERVED_ANCHORS, Article, Person, SitePage, Topic

HREF = re.compile(r'<a [^>]*href="([^"]*)"')
ALT = re.compile(r'alt="([^"]*)"')


def rendered_parts(article: Article) -> list[str]:
    return [
        article.introduction_html,
        article.closing_html,
        *(section.body_html for section in article.sections.all()),
        *(faq.answer_html for faq in article.faqs.all()),
    ]


def broken_internal_links(article: Article) -> list[str]:
    """Links to this site (/..., #...) that lead nowhere: no such page, article or anchor."""
    anchors = RESERVED_ANCHORS | {section.anchor for section in article.sections.all()}
    broken = []
    for html in rendered_parts(article):
        for href in HREF.findall(html):
            if href.startswith("#"):
                if href[1:] and href[1:] not in anchors and not href[1:].startswith("faq-"):
                    broken.append(href)
            elif href.startswith("/") and not href.startswith("//") and not _site_path_exists(href):
                broken.append(href)
    return sorted(set(broken))


def images_without_alt(article: Article) -> list[str]:
    """Images whose alt text is missing or empty: screen readers have nothing to say for them."""
    missing = []
    for html in rendered_parts(article):
        for tag in IMG_TAG.findall(html):
            alt = ALT.search(tag)
            if not alt or not alt.group(1).strip():
                source = SRC.search(tag)
                missing.append(source.group(1) if source else tag)
    return missing


def _site_path_exists(href: str) -> bool:
    path = href.split("#")[0].split("?")[0]
    try:
        match = resolve(path)
    except Resolver404:
        return False
    # Addresses that name a record: the record must exist (the site-page route answers any slug),
    # at that address or at one it had (which redirects there).
    named = {
        "articles:detail": Article,
        "articles:topic": Topic,
        "articles:site-page": SitePage,
        "articles:person": Person,
    }
    if match.view_name in named:
        model, slug = named[match.view_name], match.kwargs["slug"]
        return model.objects.filter(slug=slug).exists() or model.old_address_model().objects.filter(slug=slug).exists()
    return True
