"""Site pages (About, Editorial policy, Privacy, Contact): what readers get at /<slug>/ and in every footer."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from articles.models import SitePage

pytestmark = pytest.mark.django_db


def make_page(**fields) -> SitePage:
    values = {"title": "About", "slug": "about", "body": "We **write** guides.\n\n## Who we are\n\nPeople.",
              "is_published": True} | fields  # fmt: skip
    return SitePage.objects.create(**values)


def test_a_published_site_page_shows_its_markdown_as_html(client):
    make_page()
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>About</h1>" in html
    assert "We <strong>write</strong> guides." in html
    assert "<h2>Who we are</h2>" in html
    assert "<title>About | " in html


def test_a_site_page_makes_a_fixed_small_number_of_queries(django_assert_max_num_queries):
    for number in range(10):
        make_page(title=f"Page {number}", slug=f"page-{number}")
    # The page; on a cold cache the site's name and the footer's site pages.
    with django_assert_max_num_queries(3):
        assert Client().get("/page-3/").status_code == 200
    with django_assert_max_num_queries(1):
        assert Client().get("/page-4/").status_code == 200


def test_a_draft_site_page_is_404_and_missing_from_the_footer(client):
    make_page(title="Privacy", slug="privacy", is_published=False)
    make_page()
    assert client.get("/privacy/").status_code == 404
    assert 'href="/privacy/"' not in client.get("/about/").content.decode()


@pytest.mark.parametrize("address", ["/no-such-page/", "/about/extra/", "/ab%20out/", "/%C3%A9t%C3%A9/", "/.env/"])
def test_unknown_or_odd_site_page_addresses_are_404(client, address):
    make_page()
    assert client.get(address).status_code == 404


def test_a_query_string_does_not_break_a_site_page(client):
    make_page()
    assert client.get("/about/", {"q": "\x00<script>", "page": "-1"}).status_code == 200


def test_every_page_footer_links_the_published_site_pages_in_order(guide, client):
    """The guide fixture runs load_guide, which brings About (first) to Contact (last)."""
    for address in ("/", guide.get_absolute_url(), "/no-such-page/", "/contact/"):
        html = client.get(address).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert footer.index('href="/about/">About</a>') < footer.index('href="/contact/">Contact</a>'), address


def test_publishing_a_site_page_reaches_the_footer_of_a_kept_article_page(guide):
    page = make_page(title="Accessibility", slug="accessibility", is_published=False)
    reader = Client()
    assert 'href="/accessibility/"' not in reader.get(guide.get_absolute_url()).content.decode()
    page.is_published = True
    page.save()
    assert 'href="/accessibility/"' in reader.get(guide.get_absolute_url()).content.decode()
    page.delete()
    assert 'href="/accessibility/"' not in reader.get(guide.get_absolute_url()).content.decode()


def test_a_site_page_cannot_take_an_address_the_site_already_uses():
    with pytest.raises(ValidationError, match="already uses /admin/"):
        SitePage(title="Clash", slug="admin", body="Text.").full_clean()


def test_a_site_page_may_take_any_free_address():
    SitePage(title="Accessibility", slug="accessibility", body="Text.").full_clean()


def test_site_page_markdown_is_sanitized_on_save():
    page = make_page(body='<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror="alert(1)">')
    assert "<script" not in page.body_html and "javascript:" not in page.body_html and "onerror" not in page.body_html


def test_load_guide_creates_the_four_site_pages_with_visible_pending_placeholders(client):
    call_command("load_guide", stdout=io.StringIO())
    for address, title in [("/about/", "About"), ("/editorial-policy/", "Editorial policy"),
                           ("/privacy/", "Privacy"), ("/contact/", "Contact")]:  # fmt: skip
        html = client.get(address).content.decode()
        assert f"<h1>{title}</h1>" in html
        assert "<strong>Pending:</strong>" in html, address
        assert "lorem" not in html.lower()
    privacy = client.get("/privacy/").content.decode()
    assert "comment_author" in privacy and "90 days" in privacy and "purge_comment_ips" in privacy


def test_load_guide_keeps_an_editors_site_page_unless_reset():
    call_command("load_guide", stdout=io.StringIO())
    SitePage.objects.filter(slug="contact").update(body="Write to editor@example.org.")
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    assert "“Contact”: kept as it is" in out.getvalue()
    assert SitePage.objects.get(slug="contact").body == "Write to editor@example.org."
    call_command("load_guide", "--reset", stdout=io.StringIO())
    assert "Pending:" in SitePage.objects.get(slug="contact").body


def test_load_guide_twice_changes_nothing_the_second_time():
    call_command("load_guide", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    assert out.getvalue().count("Site page") == 4 and out.getvalue().count(": unchanged.") >= 4


def test_the_privacy_page_states_the_purge_commands_real_default():
    """The page says 90 days: the number purge_comment_ips clears after unless told otherwise."""
    from comments.management.commands.purge_comment_ips import Command

    parser = Command().create_parser("manage.py", "purge_comment_ips")
    assert parser.parse_args([]).days == 90
