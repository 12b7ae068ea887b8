"""The page where a commenter asks for a copy or erasure of their comments links the privacy page only
while it is published, as the comment form does: otherwise the link leads to "Page not found"."""

import pytest
from django.urls import reverse

from articles.models import SitePage

LINK = '<a href="/privacy/">Privacy</a>'


@pytest.mark.django_db
def test_the_link_follows_publishing_the_privacy_page(client):
    url = reverse("comments:personal-data")
    page = client.get(url).content.decode()
    assert "Erasure" in page and LINK not in page
    SitePage.objects.create(title="Privacy", slug="privacy", body="What we keep.", is_published=True)
    assert LINK in client.get(url).content.decode()
