"""A client IP is stored only if it is one: a forged or broken X-Forwarded-For never reaches the database."""

import pytest

from comments.models import Comment
from comments.request_origin import client_ip
from tests.conftest import comment_form_data, request_from


@pytest.mark.parametrize("forwarded", ["not-an-ip", "198.51.100.4:5678", "<script>", "999.1.1.1"])
def test_a_forwarded_entry_that_is_no_ip_address_falls_back_to_the_connection(settings, forwarded):
    settings.COMMENTS_TRUSTED_PROXIES = 1
    assert client_ip(request_from("10.0.0.2", f"6.6.6.6, {forwarded}")) == "10.0.0.2"


def test_a_connection_address_that_is_no_ip_address_is_unknown(settings):
    settings.COMMENTS_TRUSTED_PROXIES = 0
    assert client_ip(request_from("unix:/run/gunicorn.sock")) == ""


def test_ipv6_addresses_are_stored_in_their_short_form(settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1
    assert client_ip(request_from("10.0.0.2", "2001:DB8:0:0:0:0:0:1")) == "2001:db8::1"


def test_a_comment_behind_a_proxy_that_forwards_garbage_keeps_no_garbage(client, guide, settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1
    response = client.post(
        f"/articles/{guide.slug}/comments/",
        comment_form_data(guide),
        HTTP_X_FORWARDED_FOR="not-an-ip",
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302
    assert Comment.objects.get().ip_address == "10.0.0.2"
