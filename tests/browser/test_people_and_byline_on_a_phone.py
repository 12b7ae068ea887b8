"""A reader follows the byline to a person's page; the byline's values line up, on a phone and a wide screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Person
from tests.browser.conftest import WCAG_AA

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def reviewed_guide(guide):
    guide.medical_reviewer = Person.objects.create(
        name="Dr Jo Reviewer", credentials="MD, board-certified anesthesiologist", bio="Reviews *our* guides."
    )
    guide.save()
    return guide


def value_lefts(page) -> list[float]:
    return [box["x"] for box in (dd.bounding_box() for dd in page.locator(".medical-review dd").all())]


def label_lefts(page) -> list[float]:
    return [box["x"] for box in (dt.bounding_box() for dt in page.locator(".medical-review dt").all())]


def test_on_a_phone_each_byline_value_starts_at_the_left_edge_under_its_label(open_page, reviewed_guide):
    page = open_page(viewport=PHONE)
    page.goto(reviewed_guide.get_absolute_url())
    assert len(set(value_lefts(page))) == 1
    assert set(value_lefts(page)) == set(label_lefts(page))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_wide_screen_the_byline_values_share_one_column(open_page, reviewed_guide):
    page = open_page(viewport=WIDE)
    page.goto(reviewed_guide.get_absolute_url())
    values = value_lefts(page)
    assert len(set(values)) == 1 and values[0] > max(label_lefts(page))


def test_a_reader_follows_the_reviewer_to_their_page_which_passes_axe(open_page, reviewed_guide):
    page = open_page(viewport=PHONE)
    page.goto(reviewed_guide.get_absolute_url())
    page.get_by_role("link", name="Dr Jo Reviewer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dr Jo Reviewer")
    expect(page.get_by_role("link", name=reviewed_guide.title)).to_be_visible()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
