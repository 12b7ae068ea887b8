"""On a 390 px phone the guide, in a mental-health topic, shows its crisis help on the first screen,
under its title and before the byline and the introduction, even with the longest byline a
reviewed article has; the page passes axe."""

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Person
from tests.browser.conftest import WCAG_AA

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def reviewed_guide(guide):
    """The guide with every line a byline can have: author, a named reviewer, published, last
    updated, last reviewed, next review due."""
    Article.objects.filter(pk=guide.pk).update(published_at=timezone.now() - timedelta(days=30))
    guide.refresh_from_db()
    guide.medical_reviewer = Person.objects.create(name="Dr Jo Reviewer", credentials="MD, psychiatrist")
    guide.last_reviewed = date(2026, 11, 1)
    guide.next_review_due = date(2027, 11, 1)
    guide.save()
    return guide


@pytest.mark.parametrize("article", ["guide", "reviewed_guide"])
def test_the_guide_shows_crisis_help_on_a_phones_first_screen_and_passes_axe(open_page, article, request):
    article = request.getfixturevalue(article)
    page = open_page(viewport=PHONE)
    page.goto(article.get_absolute_url())
    box = page.get_by_role("complementary", name="If you need help now")
    expect(box).to_contain_text("call your local emergency number")
    shown = box.bounding_box()
    assert shown["y"] >= 0 and shown["y"] + shown["height"] <= PHONE["height"], shown
    for after in (".medical-review", "#introduction-heading"):
        assert page.locator(after).bounding_box()["y"] > shown["y"] + shown["height"], after
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
