"""The flood limit: more posts than COMMENTS_RATE_LIMIT from one client get a 429 with the text kept."""

import pytest

from comments.models import Comment
from tests.conftest import comment_form_data, comment_post_url, post_comment


@pytest.fixture
def flood_limit(settings):
    settings.COMMENTS_RATE_LIMIT = "3/m"


def test_more_posts_than_the_limit_get_429_with_the_text_kept(client, guide, flood_limit):
    for number in range(3):
        assert post_comment(client, guide, body=f"Comment {number}").status_code == 302
    response = post_comment(client, guide, body="One too many.")
    html = response.content.decode()
    assert response.status_code == 429
    assert "You are posting comments too fast" in html
    assert "One too many." in html
    assert Comment.objects.count() == 3


def test_the_limit_counts_per_client_ip(client, guide, flood_limit):
    for number in range(3):
        client.post(comment_post_url(guide), comment_form_data(guide, body=f"A{number}"), REMOTE_ADDR="192.0.2.1")
    other = client.post(comment_post_url(guide), comment_form_data(guide, body="B"), REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, guide, flood_limit):
    for number in range(4):
        response = client.post(
            comment_post_url(guide),
            comment_form_data(guide, body=f"Forged {number}"),
            REMOTE_ADDR="192.0.2.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    assert response.status_code == 429


def test_the_limit_holds_with_the_file_cache_production_uses_without_redis(
    client, guide, flood_limit, settings, tmp_path
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "infusion_site.shared_cache.SharedFileCache", "LOCATION": str(tmp_path)},
    }
    for number in range(3):
        assert post_comment(client, guide, body=f"Filed {number}").status_code == 302
    assert post_comment(client, guide, body="Filed, one too many.").status_code == 429
    assert list(tmp_path.iterdir())  # the counter is in the shared files, not in this process


def test_off_disables_the_flood_limit(client, guide, settings):
    settings.COMMENTS_RATE_LIMIT = "off"
    for number in range(8):
        assert post_comment(client, guide, body=f"C{number}").status_code == 302
