"""Public pages pass axe-core's accessibility rules (WCAG 2.x A and AA)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import WCAG_AA


@pytest.mark.parametrize(
    "address",
    ["/", "/topics/ketamine-infusion/", "/articles/what-is-ketamine-infusion-used-for/", "/articles/no-such-article/"],
    ids=["home", "topic", "article", "not-found"],
)
def test_public_page_has_no_accessibility_violations(page, guide, address):
    page.goto(address)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
