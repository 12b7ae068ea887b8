"""Pages made by import_wordpress pass axe on a 390 px phone and a 1280 px screen, as written ones do."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import PHONE, assert_accessible_on_a_phone_and_a_wide_screen
from tests.wordpress_export import FIXTURE, GUIDE_SLUG


@pytest.mark.parametrize("address", [f"/articles/{GUIDE_SLUG}/", "/articles/ketamine-for-crps/", "/sample-page/"])
def test_imported_page_has_no_accessibility_violations(open_page, db, address):
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
    page = open_page(viewport=PHONE)
    page.goto(address)
    assert_accessible_on_a_phone_and_a_wide_screen(page, address)
