"""An address that stopped all mail from the site gets no "Your comments" link either, whoever types
it: the page answers as for any address, and says how to ask without mail."""

from django.test import Client
from django.urls import reverse

from comments.models import MutedAddress, PersonalDataRequest


def test_a_muted_address_is_sent_no_link_and_the_request_is_logged_as_muted(guide, make_comment, smtp_inbox):
    make_comment(guide, email="ann@example.com", body="Ann's words.")
    MutedAddress.objects.create(email="ann@example.com")
    client = Client()
    response = client.post(reverse("comments:personal-data"), {"email": " Ann@Example.com ", "kind": "copy"})
    assert response.status_code == 302  # the same answer as for any address
    assert smtp_inbox.messages == []
    assert PersonalDataRequest.objects.get().outcome == PersonalDataRequest.Outcome.MUTED


def test_the_page_says_how_a_muted_address_can_still_ask(guide):
    # The guide brings the site pages: the Contact page is linked only while it is published.
    html = Client().get(reverse("comments:personal-data")).content.decode()
    # It once read "we send it no link either", an "either" with nothing before it.
    assert "If you asked us to stop all mail to your address, we send it no link: write to us from the" in html
    assert 'href="/contact/"' in html
