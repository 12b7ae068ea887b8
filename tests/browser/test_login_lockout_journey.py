"""Someone who keeps getting the admin password wrong is told, in the admin's look, when to try again."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import STAFF_PASSWORD


@pytest.fixture
def owner(live_server, db):
    return User.objects.create_superuser("owner", "owner@example.com", STAFF_PASSWORD)


def try_to_log_in(page, password):
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_locked_out_login_on_a_phone_says_when_to_try_again_and_an_unlock_lets_it_in(open_page, owner, settings):
    page = open_page(viewport={"width": 390, "height": 844})
    page.goto("/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        try_to_log_in(page, "wrong-guess")
        expect(page.get_by_text("Please enter the correct username and password")).to_be_visible()
    try_to_log_in(page, "wrong-guess")

    expect(page.get_by_role("alert")).to_have_text(
        "Too many failed logins for this account from your address: logging in is locked."
    )
    expect(page.get_by_text("Try again in 15 minutes, after")).to_be_visible()
    expect(page.get_by_role("link", name="infusion-site administration")).to_be_visible()  # the admin's header
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing off the side of a phone

    page.get_by_role("link", name="Back to the login page").click()
    try_to_log_in(page, STAFF_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("logging in is locked")

    call_command("axes_reset_username", "owner")  # what an admin does (or deletes the access attempt)
    page.goto("/admin/login/")
    try_to_log_in(page, STAFF_PASSWORD)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
