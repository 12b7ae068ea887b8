"""The form's signed timestamp: a forged, foreign or days-old one is refused with the text kept.

A form on a page held in a cache for minutes still posts.
"""

import re
import time

import pytest
from django.core import signing

from comments.forms import TIMESTAMP_SALT
from comments.models import Comment
from tests.conftest import post_comment


@pytest.mark.parametrize(
    ("timestamp", "message"),
    [
        ("", "The form could not be checked"),
        ("forged:token", "The form could not be checked"),
        (
            signing.Signer(salt=TIMESTAMP_SALT).sign_object({"article": 999999, "shown": time.time() - 60}),
            "another article",
        ),
        (signing.Signer(salt="wrong-salt").sign_object({"article": 1, "shown": 0}), "The form could not be checked"),
        # A page rendered before this release: its form's token was signed another way.
        (signing.dumps({"article": 1, "shown": time.time()}, salt="comments.form-timestamp"), "could not be checked"),
    ],
    ids=["missing", "forged", "other-article", "wrong-salt", "before-this-release"],
)
def test_bad_timestamp_is_refused_with_the_text_kept(client, guide, timestamp, message):
    response = post_comment(client, guide, timestamp=timestamp, body="Kept text.")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Kept text." in html
    assert not Comment.objects.exists()


def test_a_form_opened_days_ago_is_refused_as_too_old_and_a_fresh_one_offered(client, guide, monkeypatch):
    three_days_ago = time.time() - 3 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: three_days_ago)
        old_page = client.get(guide.get_absolute_url()).content.decode()
    old_token = re.search(r'name="timestamp" value="([^"]+)"', old_page).group(1)
    response = post_comment(client, guide, timestamp=old_token, body="Written slowly.")
    html = response.content.decode()
    assert response.status_code == 400
    assert "opened too long ago" in html
    assert "Written slowly." in html
    fresh = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
    assert post_comment(client, guide, timestamp=fresh, body="Written slowly.").status_code == 302


def test_a_form_on_a_page_kept_in_a_cache_for_minutes_is_accepted(client, guide, monkeypatch):
    ten_minutes_ago = time.time() - 10 * 60
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: ten_minutes_ago)
        old_page = client.get(guide.get_absolute_url()).content.decode()
    token = re.search(r'name="timestamp" value="([^"]+)"', old_page).group(1)
    assert post_comment(client, guide, timestamp=token).status_code == 302
