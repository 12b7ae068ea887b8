"""Browsers find the site's icon: every page names it, and the old /favicon.ico address leads to it."""

from django.contrib.staticfiles import finders


def test_every_page_names_an_icon_and_a_touch_icon_that_exist(client, db):
    html = client.get("/no-such-page/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">' in html
    for name in ("favicon.svg", "apple-touch-icon.png", "favicon.ico"):
        assert finders.find(name), name


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
