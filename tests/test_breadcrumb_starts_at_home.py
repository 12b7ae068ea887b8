"""The breadcrumb starts at "Home": the guide's site is named after its topic, and the site's name
first read "Ketamine Infusion, Ketamine Infusion"."""

import re

from django.test import Client


def crumbs(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav class="breadcrumb"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)


def test_the_guide_breadcrumb_reads_home_topic_article(guide):
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert crumbs(html) == [
        ("/", "Home"),
        ("/topics/ketamine-infusion/", "Ketamine Infusion"),
        (guide.get_absolute_url(), guide.title),
    ]


def test_the_topic_page_breadcrumb_reads_home_topic(guide):
    html = Client().get("/topics/ketamine-infusion/").content.decode()
    assert crumbs(html) == [("/", "Home"), ("/topics/ketamine-infusion/", "Ketamine Infusion")]
