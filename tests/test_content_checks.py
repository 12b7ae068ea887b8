"""Warnings on save: links to pages of this site that do not exist, images without alt text."""

from django.core.management import call_command

from articles.content_checks import broken_internal_links, images_without_alt
from articles.models import Section
from tests.admin_forms import ADD, article_form


def test_the_seed_guide_has_no_broken_internal_link(guide):
    assert broken_internal_links(guide) == []


def test_links_to_missing_pages_articles_and_anchors_are_found(make_article, guide):
    article = make_article(
        sections=0,
        introduction="[a](/no-such-page/) [b](/articles/no-such-article/) [c](#nowhere) [ok](/) [ok2](#faq)",
        closing=f"[old]({guide.get_absolute_url()}) [ext](https://example.org/missing) [self](#here)",
    )
    Section.objects.create(article=article, heading="Here", body="[up](#introduction)")
    assert broken_internal_links(article) == ["#nowhere", "/articles/no-such-article/", "/no-such-page/"]


def test_a_link_to_a_missing_topic_is_found(guide, make_article):
    article = make_article(sections=0, introduction="[gone](/topics/no-such-topic/) [ok](/topics/ketamine-infusion/)")
    assert broken_internal_links(article) == ["/topics/no-such-topic/"]


def test_images_without_alt_text_are_found(make_article):
    article = make_article(introduction="![](/media/a.png) ![  ](/media/b.png) ![A chart](/media/c.png)")
    assert images_without_alt(article) == ["/media/a.png", "/media/b.png"]


def test_the_admin_warns_but_saves(editor_client):
    form = article_form(introduction="See [this](/articles/not-there/) and ![](/media/x.png).")
    response = editor_client.post(ADD, form, follow=True)
    html = response.content.decode()
    assert "Links to pages of this site that do not exist: /articles/not-there/" in html
    assert "1 image without a description (alt text): /media/x.png" in html
    assert "was added successfully" in html


def test_links_to_a_missing_person_or_site_page_are_found(guide, make_article):
    """The site-page route answers any address: only a page that exists is a link that works."""
    call_command("load_guide", verbosity=0)  # the default site pages, /about/ among them
    article = make_article(sections=0, introduction="[p](/people/no-such-person/) [s](/no-such-page/) [ok](/about/)")
    assert broken_internal_links(article) == ["/no-such-page/", "/people/no-such-person/"]
