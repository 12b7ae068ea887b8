"""Article rules: what counts as published, how parts are ordered, rendered and anchored."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, Section


def test_published_excludes_drafts_and_future_articles(make_article):
    live = make_article(slug="live")
    make_article(slug="draft", status=Article.Status.DRAFT)
    make_article(slug="scheduled", published_at=timezone.now() + timedelta(days=1))
    assert list(Article.objects.published()) == [live]


def test_publishing_sets_the_publish_time_once(make_article):
    article = make_article(status=Article.Status.DRAFT)
    assert article.published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    first = article.published_at
    assert first is not None
    article.save()
    assert article.published_at == first


def test_markdown_is_rendered_on_save_into_stored_html(make_article):
    article = make_article(introduction="Hello <script>x()</script>**world**", closing="[Home](/)")
    assert article.introduction_html == "<p>Hello <strong>world</strong></p>"
    assert 'href="/"' in article.closing_html
    section = article.sections.first()
    section.body = "*changed*"
    section.save()
    assert section.body_html == "<p><em>changed</em></p>"
    faq = article.faqs.first()
    assert faq.answer_html == "<p>Answer 1.</p>"


def test_parts_without_a_position_go_last_in_the_order_added(make_article):
    article = make_article(sections=3)
    assert [s.order for s in article.sections.all()] == [1, 2, 3]
    Section.objects.create(article=article, heading="First", order=0)
    assert [s.heading for s in article.sections.all()] == ["First", "Section 1", "Section 2", "Section 3"]


def test_section_anchor_comes_from_its_heading(make_article):
    article = make_article(sections=0)
    section = Section.objects.create(article=article, heading="PTSD & Anxiety Relief")
    assert section.anchor == "ptsd-anxiety-relief"


def test_section_anchor_is_unique_per_article(make_article):
    article = make_article(sections=0)
    Section.objects.create(article=article, heading="Same")
    with pytest.raises(IntegrityError):
        Section.objects.create(article=article, heading="Same")


def test_section_anchor_used_by_the_page_is_refused(make_article):
    section = Section(article=make_article(sections=0), heading="FAQ")
    with pytest.raises(ValidationError, match="used by the page itself"):
        section.full_clean()


def test_section_heading_without_letters_asks_for_an_anchor(make_article):
    section = Section(article=make_article(sections=0), heading="!!!")
    with pytest.raises(ValidationError, match="Give this section an anchor"):
        section.full_clean()


def test_subsections_sit_under_the_section_above(make_article):
    article = make_article(sections=0)
    orphan = Section.objects.create(article=article, heading="Orphan", level=Section.Level.SUBSECTION)
    parent = Section.objects.create(article=article, heading="Parent")
    child = Section.objects.create(article=article, heading="Child", level=Section.Level.SUBSECTION)
    assert article.section_tree() == [(orphan, []), (parent, [child])]


@pytest.mark.parametrize("anchor", ["references", "respond", "faq-2", "comment-7", "reply-title"])
def test_section_anchors_may_not_take_the_pages_own_ids(make_article, anchor):
    section = Section(article=make_article(sections=0), heading="Anything", anchor=anchor)
    with pytest.raises(ValidationError, match="used by the page itself"):
        section.full_clean()
