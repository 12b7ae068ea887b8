"""The "Your comments" page (/your-comments/) links the Privacy and Contact pages only while each is
published: an editor who unpublishes one must not leave a link there to "Page not found"."""

import pytest

from articles.models import SitePage

PRIVACY_LINK = '<a href="/privacy/">Privacy</a>'
CONTACT_LINK = '<a href="/contact/">Contact</a>'


@pytest.mark.django_db
def test_unpublished_pages_are_not_linked(client):
    SitePage.objects.create(title="Privacy", slug="privacy", body="What we keep.", is_published=False)
    page = client.get("/your-comments/").content.decode()
    assert "Your comments: a copy or their erasure" in page
    assert PRIVACY_LINK not in page and CONTACT_LINK not in page
    assert "Erasure</strong> clears the name" in page and "write to us" in page


@pytest.mark.django_db
def test_links_follow_publishing_and_unpublishing(client):
    privacy = SitePage.objects.create(title="Privacy", slug="privacy", body="What we keep.", is_published=True)
    contact = SitePage.objects.create(title="Contact", slug="contact", body="Write to us.", is_published=True)
    page = client.get("/your-comments/").content.decode()
    assert PRIVACY_LINK in page and CONTACT_LINK in page
    assert client.get("/privacy/").status_code == 200 and client.get("/contact/").status_code == 200
    privacy.is_published = False
    privacy.save()
    contact.is_published = False
    contact.save()
    page = client.get("/your-comments/").content.decode()
    assert PRIVACY_LINK not in page and CONTACT_LINK not in page
