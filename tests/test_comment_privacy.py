"""Client IPs: trusted only as far as our own proxies, and purged when old."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.models import Comment
from comments.request_origin import client_ip
from tests.conftest import request_from


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.COMMENTS_TRUSTED_PROXIES = 0
    assert client_ip(request_from("192.0.2.1", "6.6.6.6")) == "192.0.2.1"


def test_behind_one_proxy_the_address_it_saw_is_the_client(settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1
    # The client forged "6.6.6.6"; our proxy appended the address it really saw.
    assert client_ip(request_from("10.0.0.2", "6.6.6.6, 198.51.100.4")) == "198.51.100.4"


def test_behind_two_proxies_the_second_from_the_right_is_the_client(settings):
    settings.COMMENTS_TRUSTED_PROXIES = 2
    assert client_ip(request_from("10.0.0.3", "6.6.6.6, 198.51.100.4, 10.0.0.2")) == "198.51.100.4"


def test_a_missing_or_short_header_falls_back_to_the_connection(settings):
    settings.COMMENTS_TRUSTED_PROXIES = 2
    assert client_ip(request_from("10.0.0.3")) == "10.0.0.3"
    assert client_ip(request_from("10.0.0.3", "198.51.100.4")) == "10.0.0.3"


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_comment_ips", *args, stdout=out)
    return out.getvalue()


def test_purge_clears_ip_and_browser_of_old_comments_only(guide, make_comment):
    old = make_comment(guide, user_agent="Old/1", created_at=timezone.now() - timedelta(days=100))
    recent = make_comment(guide, user_agent="New/1", created_at=timezone.now() - timedelta(days=10))
    assert "Cleared the IP address of 1 comment older than 90 days." in purge("--days", "90")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.7", "New/1")
    assert Comment.objects.count() == 2  # the comments themselves stay


def test_purge_twice_clears_nothing_more(guide, make_comment):
    make_comment(guide, created_at=timezone.now() - timedelta(days=100))
    purge()
    assert "of 0 comments" in purge()


def test_purge_refuses_negative_days(db):
    with pytest.raises(CommandError, match="--days must be 0 or more"):
        purge("--days", "-1")
