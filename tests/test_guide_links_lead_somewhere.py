"""The guide's placeholder links lead somewhere useful now that topics exist: "related articles" and
the closing "What Is Used For" open the guide's topic page, not home; every internal link resolves."""

import re

from django.test import Client

from articles.content_checks import broken_internal_links, rendered_parts

TOPIC_PAGE = "/topics/ketamine-infusion/"


def links(guide) -> dict[str, str]:
    """Each link's text and address, in the loaded guide's rendered parts."""
    html = "".join(rendered_parts(guide))
    return {text: href for href, text in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', html)}


def test_related_articles_and_the_closing_line_open_the_guides_topic_page(guide):
    found = links(guide)
    assert found["related articles"] == TOPIC_PAGE
    assert f'href="{TOPIC_PAGE}"' in guide.closing_html
    assert "/" not in found.values()  # no placeholder to home is left


def test_the_topic_page_the_guide_links_lists_the_guide(guide):
    response = Client().get(TOPIC_PAGE)
    assert response.status_code == 200
    assert f'href="{guide.get_absolute_url()}"' in response.content.decode()


def test_every_internal_link_of_the_loaded_guide_resolves(guide):
    assert broken_internal_links(guide) == []
