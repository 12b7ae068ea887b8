"""Pages made by import_wordpress pass axe on a 390 px phone and a 1280 px screen, as written ones do."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import PHONE, WCAG_AA, WIDE
from tests.wordpress_export import FIXTURE, GUIDE_SLUG


@pytest.mark.parametrize("address", [f"/articles/{GUIDE_SLUG}/", "/articles/ketamine-for-crps/", "/sample-page/"])
def test_imported_page_has_no_accessibility_violations(open_page, db, address):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
    page = open_page(viewport=PHONE)
    page.goto(address)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{address} scrolls sideways"
    phone = Axe().run(page, options=WCAG_AA)
    assert phone.violations_count == 0, f"On a 390 px phone:\n{phone.generate_report()}"
    page.set_viewport_size(WIDE)
    wide = Axe().run(page, options=WCAG_AA)
    assert wide.violations_count == 0, f"On a 1280 px screen:\n{wide.generate_report()}"
