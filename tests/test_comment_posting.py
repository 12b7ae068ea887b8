"""Posting a reply: what is accepted, what is refused, and that nothing typed or stored is lost."""

import json
import re
import time
from urllib.parse import urlencode

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.forms import TIMESTAMP_SALT
from comments.models import Comment, DiscussionSettings
from tests.conftest import comment_form_data


def post_url(article) -> str:
    return reverse("comments:post", kwargs={"slug": article.slug})


def post(client, article, **overrides):
    return client.post(post_url(article), comment_form_data(article, **overrides))


# Accepted


def test_a_valid_comment_waits_for_moderation_and_redirects_to_its_place(client, guide):
    response = post(client, guide, website="https://ann.example")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(guide.get_absolute_url() + "?unapproved=")
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.status == Comment.Status.PENDING
    assert (comment.name, comment.email, comment.website) == ("Ann Reader", "ann@example.com", "https://ann.example")
    assert comment.body_html == "<p>Thank you, this answered my question.</p>"


def test_an_approved_comment_redirects_without_the_unapproved_token(client, guide, make_comment):
    make_comment(guide, email="ann@example.com")
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    rules.save()
    response = post(client, guide)
    assert "unapproved" not in response["Location"]
    assert Comment.objects.latest("created_at").status == Comment.Status.APPROVED


def test_a_comment_on_a_later_page_redirects_to_that_page(client, guide, make_comment):
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 2
    rules.auto_approve_known_authors = True
    rules.save()
    for _ in range(4):
        make_comment(guide)
    response = post(client, guide)
    assert "comments-page=3" in response["Location"]


def test_ip_address_and_browser_are_stored_for_moderators(client, guide):
    client.post(post_url(guide), comment_form_data(guide), HTTP_USER_AGENT="TestBrowser/1.0", REMOTE_ADDR="192.0.2.44")
    comment = Comment.objects.get()
    assert comment.ip_address == "192.0.2.44"
    assert comment.user_agent == "TestBrowser/1.0"


def test_a_reply_is_saved_under_its_parent(client, guide, make_comment):
    parent = make_comment(guide)
    post(client, guide, parent=str(parent.pk))
    reply = Comment.objects.get(parent=parent)
    assert (reply.root_id, reply.depth) == (parent.pk, 2)


def test_website_without_scheme_is_taken_as_https(client, guide):
    post(client, guide, website="ann.example")
    assert Comment.objects.get().website == "https://ann.example"


# Remembering the author


def test_with_consent_name_email_and_website_are_remembered(client, guide):
    response = post(client, guide, remember="on", website="https://ann.example")
    cookie = response.cookies["comment_author"]
    assert json.loads(cookie.value) | {"pending": "signed"} == {
        "name": "Ann Reader",
        "email": "ann@example.com",
        "website": "https://ann.example",
        "pending": "signed",
    }
    assert cookie["httponly"]
    page = client.get(guide.get_absolute_url()).content.decode()
    assert 'value="ann@example.com"' in page
    assert 'name="remember" id="id_remember" checked' in page


def test_without_consent_nothing_is_stored_in_the_browser(client, guide):
    client.cookies["comment_author"] = json.dumps({"name": "Old"})
    response = post(client, guide)
    assert response.cookies["comment_author"].value == ""  # deleted
    assert set(response.cookies) == {"comment_author"}


# Refused with the form again, the reader's text kept


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "   ", "This field is required."),
        ("email", "", "This field is required."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("body", "", "This field is required."),
        ("body", " \n\t ", "This field is required."),
        ("name", "n" * 101, "at most 100 characters"),
        ("email", "a" * 250 + "@x.example", "at most 254 characters"),
        ("website", "https://x.example/" + "a" * 200, "at most 200 characters"),
        ("body", "b" * 5001, "at most 5,000 characters; yours has 5,001"),
        ("website", "javascript:alert(1)", "Enter a web address starting with http:// or https://."),
        ("website", "ftp://files.example", "Enter a web address starting with http:// or https://."),
        ("website", "data:text/html,<script>alert(1)</script>", "starting with http://"),
    ],
)
def test_invalid_fields_show_the_form_again_with_messages_and_the_text_kept(client, guide, field, value, message):
    response = post(client, guide, **{field: value, "body": "My careful words." if field != "body" else value})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'class="comment-field has-errors"' in html
    if field != "body":
        assert "My careful words." in html
    assert not Comment.objects.exists()


def test_honeypot_filled_is_refused(client, guide):
    response = post(client, guide, homepage="http://spam.example")
    assert response.status_code == 400
    assert "This field must stay empty" in response.content.decode()
    assert not Comment.objects.exists()


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
    response = post(client, guide, timestamp=timestamp, body="Kept text.")
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
    response = post(client, guide, timestamp=old_token, body="Written slowly.")
    html = response.content.decode()
    assert response.status_code == 400
    assert "opened too long ago" in html
    assert "Written slowly." in html
    fresh = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
    assert post(client, guide, timestamp=fresh, body="Written slowly.").status_code == 302


def test_a_form_on_a_page_kept_in_a_cache_for_minutes_is_accepted(client, guide, monkeypatch):
    ten_minutes_ago = time.time() - 10 * 60
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: ten_minutes_ago)
        old_page = client.get(guide.get_absolute_url()).content.decode()
    token = re.search(r'name="timestamp" value="([^"]+)"', old_page).group(1)
    assert post(client, guide, timestamp=token).status_code == 302


@pytest.mark.parametrize("parent", ["abc", "1.5", "-1", "999999"])
def test_a_bad_parent_is_refused_with_a_message(client, guide, parent):
    response = post(client, guide, parent=parent)
    assert response.status_code == 400
    assert "The comment you are replying to is not available." in response.content.decode()


def test_a_reply_to_a_pending_comment_is_refused(client, guide, make_comment):
    pending = make_comment(guide, status=Comment.Status.PENDING)
    response = post(client, guide, parent=str(pending.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_of_another_article_is_refused(client, guide, make_article, make_comment):
    elsewhere = make_comment(make_article())
    response = post(client, guide, parent=str(elsewhere.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_replies_stop_at_three_levels(client, guide, make_comment):
    first = make_comment(guide)
    second = make_comment(guide, parent=first)
    third = make_comment(guide, parent=second)
    response = post(client, guide, parent=str(third.pk))
    assert response.status_code == 400
    assert "three levels" in response.content.decode()


def test_a_duplicate_is_refused_as_a_duplicate(client, guide):
    post(client, guide)
    response = post(client, guide, body="  Thank you, this answered my question.  ")
    assert response.status_code == 409
    html = response.content.decode()
    assert "You have already sent this comment; it is awaiting moderation" in html
    earlier = Comment.objects.get()
    link = re.search(r'<a href="([^"]+)">see your comment</a>', html).group(1)
    assert link.startswith(f"{guide.get_absolute_url()}?unapproved=") and link.endswith(f"#comment-{earlier.pk}")
    assert Comment.objects.count() == 1


def test_the_same_text_from_another_author_is_not_a_duplicate(client, guide):
    post(client, guide)
    post(client, guide, email="bob@example.com", name="Bob")
    assert Comment.objects.count() == 2


@pytest.mark.parametrize("raw_body", [b"caf\xe9 \xff\xfe", b"caf%E9%20%FF%FE"], ids=["raw", "percent-encoded"])
def test_non_utf8_bytes_are_stored_as_text_not_a_500(client, guide, raw_body):
    fields = {key: value for key, value in comment_form_data(guide).items() if key != "body"}
    payload = urlencode(fields).encode() + b"&body=" + raw_body
    response = client.post(post_url(guide), payload, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Comment.objects.get().body.startswith("caf")


# Refused outright


def test_get_on_the_post_address_is_405_with_a_page(client, guide):
    response = client.get(post_url(guide))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Leave a Reply" in response.content.decode()


@pytest.mark.parametrize("status", [Article.Status.DRAFT])
def test_a_post_to_a_draft_is_404(client, make_article, status):
    article = make_article(status=status)
    assert post(client, article).status_code == 404
    assert not Comment.objects.exists()


def test_a_post_to_a_missing_article_is_404(client, db):
    response = Client().post("/articles/no-such-article/comments/", {"name": "x"})
    assert response.status_code == 404


def test_a_post_to_an_article_with_comments_closed_is_403_and_the_text_kept(client, guide):
    guide.comments_open = False
    guide.save()
    response = post(client, guide, body="My unsent words.")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Comments are closed" in html
    assert "My unsent words." in html
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(client, make_article):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article(published_at=timezone.now() - timedelta(days=40))
    rules = DiscussionSettings.get_solo()
    rules.close_after_days = 30
    rules.save()
    assert post(client, article).status_code == 403
    rules.close_after_days = 60
    rules.save()
    assert post(client, article).status_code == 302


# Flood


@pytest.fixture
def flood_limit(settings):
    settings.COMMENTS_RATE_LIMIT = "3/m"


def test_more_posts_than_the_limit_get_429_with_the_text_kept(client, guide, flood_limit):
    for number in range(3):
        assert post(client, guide, body=f"Comment {number}").status_code == 302
    response = post(client, guide, body="One too many.")
    html = response.content.decode()
    assert response.status_code == 429
    assert "You are posting comments too fast" in html
    assert "One too many." in html
    assert Comment.objects.count() == 3


def test_the_limit_counts_per_client_ip(client, guide, flood_limit):
    for number in range(3):
        client.post(post_url(guide), comment_form_data(guide, body=f"A{number}"), REMOTE_ADDR="192.0.2.1")
    other = client.post(post_url(guide), comment_form_data(guide, body="B"), REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, guide, flood_limit):
    for number in range(4):
        response = client.post(
            post_url(guide),
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
        assert post(client, guide, body=f"Filed {number}").status_code == 302
    assert post(client, guide, body="Filed, one too many.").status_code == 429
    assert list(tmp_path.iterdir())  # the counter is in the shared files, not in this process


def test_off_disables_the_flood_limit(client, guide, settings):
    settings.COMMENTS_RATE_LIMIT = "off"
    for number in range(8):
        assert post(client, guide, body=f"C{number}").status_code == 302


# Moderators are told


def test_moderators_are_emailed_when_a_comment_waits(client, guide, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, guide)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@example.com"]
    assert "What Is Ketamine Infusion Used For" in message.subject
    assert "/admin/comments/comment/" in message.body
    assert "ann@example.com" not in message.body


def test_a_failing_mail_server_loses_nothing_and_shows_no_error(
    client, guide, moderator, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, guide)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Could not e-mail the moderators" in caplog.text


def test_a_failed_reply_to_a_comment_on_a_later_page_shows_the_form_under_it(
    client, guide, make_comment, one_thread_per_page
):
    make_comment(guide, body="On page one.")
    parent = make_comment(guide, body="On page two.")
    response = post(client, guide, parent=str(parent.pk), email="broken", body="My reply, kept.")
    html = response.content.decode()
    assert response.status_code == 400
    assert "On page two." in html and "On page one." not in html
    under_parent = html.split(f'id="comment-{parent.pk}"')[1]
    assert 'id="respond"' in under_parent
    assert "My reply, kept." in under_parent


def test_a_reply_whose_parent_vanished_offers_the_form_as_a_new_comment(client, guide, make_comment):
    parent = make_comment(guide)
    parent.status = Comment.Status.REMOVED
    parent.save()
    response = post(client, guide, parent=str(parent.pk), body="Still my words.")
    html = response.content.decode()
    assert "The comment you are replying to is not available." in html
    assert "Leave a Reply" in html
    assert 'name="parent" value=""' in html
    assert "Still my words." in html


def test_links_on_a_refused_post_lead_to_the_article_not_the_post_address(
    client, guide, make_comment, one_thread_per_page
):
    """A refused post is shown at /articles/<slug>/comments/: its links must not be relative to that."""
    make_comment(guide)
    make_comment(guide)
    html = post(client, guide, email="broken").content.decode()
    article = guide.get_absolute_url()
    assert f'href="{article}?replytocom=' in html
    assert f'href="{article}?comments-page=2#comments"' in html
    assert 'href="?' not in html


def test_a_reply_form_posts_without_any_token(guide, make_comment):
    parent = make_comment(guide, name="Ann")
    client = Client(enforce_csrf_checks=True)
    page = client.get(guide.get_absolute_url(), {"replytocom": parent.pk}).content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = client.post(post_url(guide), comment_form_data(guide, parent=str(parent.pk)))
    assert response.status_code == 302


def test_a_bad_host_gets_the_sites_400_page(db, settings):
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
