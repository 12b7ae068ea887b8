"""A guest gets a copy, or the erasure, of the comments posted with their address, only through the mailed link."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, DiscussionSettings, PersonalDataRequest
from tests.conftest import SITE, post_comment

ASK = reverse("comments:personal-data")
LINK = re.compile(re.escape(SITE) + r"(/your-comments/(?:copy|erase)/[^/\s]+/)")


def ask(client, email="ann@example.com", kind="copy", **extra):
    return client.post(ASK, {"email": email, "kind": kind}, **extra)


def mailed_link(smtp_inbox, to="ann@example.com") -> str:
    [message] = [m for m in smtp_inbox.messages if m.recipients == [to]]
    return LINK.search(message.body).group(1)


@pytest.fixture
def anns_comments(guide, make_comment):
    """Ann's two comments (one a reply to Bob, one waiting) and Bob's, all on the guide."""
    bob = make_comment(guide, name="Bob Other", email="bob@example.com", body="Bob's own words.", website="")
    return [
        make_comment(
            guide,
            parent=bob,
            name="Ann Reader",
            email="Ann@Example.com",
            website="https://ann.example",
            body="Ann answers Bob.",
            user_agent="Ann's browser",
        ),
        make_comment(guide, status=Comment.Status.PENDING, body="Ann's waiting comment.", ip_address="198.51.100.9"),
    ]


def test_a_known_and_an_unknown_address_get_the_same_page_and_only_the_known_one_mail(
    client, anns_comments, smtp_inbox
):
    known = ask(client, "ann@example.com")
    unknown = ask(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    page = client.get(known["Location"])
    assert "If comments were posted with this address, we have sent a link to it." in page.content.decode()
    assert [m.recipients for m in smtp_inbox.messages] == [["ann@example.com"]]
    message = smtp_inbox.messages[0]
    assert "a copy of the 2 comments posted on" in message.body
    assert "within 24 hours" in message.body


def test_nothing_happens_before_the_mailed_link_is_followed_and_its_button_pressed(client, anns_comments, smtp_inbox):
    ask(client, kind="erasure")
    link = mailed_link(smtp_inbox)
    page = client.get(link)
    assert page.status_code == 200
    assert "Erase my comments" in page.content.decode()
    assert Comment.objects.filter(name="Ann Reader").count() == 2


def test_the_copy_is_a_json_file_of_that_address_comments_and_nobody_elses(client, anns_comments, smtp_inbox):
    ask(client)
    response = client.post(mailed_link(smtp_inbox))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="your-comments.json"'
    copy = json.loads(response.content)
    assert copy["email"] == "ann@example.com"
    texts = [entry["text"] for entry in copy["comments"]]
    assert texts == ["Ann answers Bob.", "Ann's waiting comment."]
    first, second = copy["comments"]
    assert first["status"] == "Approved" and second["status"] == "Pending"
    assert first["article"] == anns_comments[0].article.title
    assert first["article_address"] == f"{SITE}/articles/{anns_comments[0].article.slug}/"
    assert first["website"] == "https://ann.example" and first["browser"] == "Ann's browser"
    assert "Bob" not in response.content.decode().replace("Ann answers Bob.", "")


def test_the_copy_can_be_downloaded_again_within_the_links_life(client, anns_comments, smtp_inbox):
    ask(client)
    link = mailed_link(smtp_inbox)
    assert client.post(link).status_code == 200
    assert len(json.loads(client.post(link).content)["comments"]) == 2


def test_erasure_anonymises_every_field_and_removes_the_text_by_default(client, anns_comments, smtp_inbox):
    ask(client, kind="erasure")
    response = client.post(mailed_link(smtp_inbox))
    assert "Erased: 2 comments." in response.content.decode()
    for comment in Comment.objects.filter(pk__in=[c.pk for c in anns_comments]):
        assert (comment.name, comment.email, comment.website) == ("Anonymous", "", "")
        assert (comment.ip_address, comment.user_agent) == (None, "")
        assert "Ann" not in comment.body and "removed at its author's request" in comment.html
    assert Comment.objects.get(email="bob@example.com").body == "Bob's own words."


def test_erasure_keeps_the_text_when_the_discussion_settings_say_so(client, anns_comments, smtp_inbox):
    rules = DiscussionSettings.get_solo()
    rules.erasure_keeps_text = True
    rules.save()
    ask(client, kind="erasure")
    client.post(mailed_link(smtp_inbox))
    reply = Comment.objects.get(pk=anns_comments[0].pk)
    assert (reply.name, reply.body) == ("Anonymous", "Ann answers Bob.")


def test_an_erased_name_leaves_the_article_page_at_once(client, guide, anns_comments, smtp_inbox):
    reader = Client()
    assert "Ann Reader" in reader.get(guide.get_absolute_url()).content.decode()  # the shared page, kept
    ask(client, kind="erasure")
    client.post(mailed_link(smtp_inbox))
    page = reader.get(guide.get_absolute_url()).content.decode()
    assert "Ann Reader" not in page and "Anonymous" in page


def test_erasure_forgets_the_details_this_browser_remembered_for_that_address(client, guide, smtp_inbox):
    post_comment(client, guide, remember="on")
    assert "Ann Reader" in client.get(guide.get_absolute_url()).content.decode()  # the form, filled in
    ask(client, kind="erasure")
    client.post(mailed_link(smtp_inbox))
    assert "Ann Reader" not in client.get(guide.get_absolute_url()).content.decode()


def test_erasure_twice_erases_nothing_more_and_says_so(client, anns_comments, smtp_inbox):
    ask(client, kind="erasure")
    link = mailed_link(smtp_inbox)
    client.post(link)
    again = client.post(link)
    assert again.status_code == 200
    assert "there was nothing left to erase" in again.content.decode()


def test_an_expired_link_is_refused_with_a_clear_400(client, anns_comments, smtp_inbox):
    ask(client, kind="erasure")
    link = mailed_link(smtp_inbox)
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        response = client.post(link)
    assert response.status_code == 400
    assert "more than 24 hours old" in response.content.decode()
    assert Comment.objects.filter(name="Ann Reader").count() == 2
    assert PersonalDataRequest.objects.filter(outcome="link-expired").count() == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda link: link[:-6] + "AAAAA/",
        lambda link: link.replace("/erase/", "/copy/"),  # an erasure link never downloads, nor the reverse
        lambda link: "/your-comments/erase/%E2%80%AE/",
        lambda link: "/your-comments/erase/" + "x" * 3000 + "/",
    ],
)
def test_a_tampered_link_is_refused_with_a_clear_400(client, anns_comments, smtp_inbox, damage):
    ask(client, kind="erasure")
    response = client.post(damage(mailed_link(smtp_inbox)))
    assert response.status_code == 400
    assert "The link is damaged" in response.content.decode()
    assert Comment.objects.filter(name="Ann Reader").count() == 2


def test_the_log_holds_each_request_and_outcome_without_the_text_or_the_address(client, anns_comments, smtp_inbox):
    ask(client, kind="copy")
    ask(client, "nobody@example.com", kind="erasure")
    client.post(mailed_link(smtp_inbox))
    rows = list(PersonalDataRequest.objects.order_by("id").values("kind", "outcome", "comments", "email_hash"))
    assert [(r["kind"], r["outcome"], r["comments"]) for r in rows] == [
        ("copy", "link-sent", 2),
        ("erasure", "nothing-kept", 0),
        ("copy", "copied", 2),
    ]
    assert rows[0]["email_hash"] == rows[2]["email_hash"] != rows[1]["email_hash"]
    stored = str(list(PersonalDataRequest.objects.values())).lower()
    assert "ann@example.com" not in stored and "example.com" not in stored and "answers" not in stored


def test_requests_are_limited_per_address_and_per_client(client, anns_comments, smtp_inbox, settings):
    settings.PERSONAL_DATA_RATE_LIMIT = "2/h"
    assert ask(client, REMOTE_ADDR="192.0.2.1").status_code == 302
    assert ask(client, REMOTE_ADDR="192.0.2.2").status_code == 302
    refused = ask(client, REMOTE_ADDR="192.0.2.3")  # a third address of the same person's: its limit
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert ask(client, "other@example.com", REMOTE_ADDR="192.0.2.4").status_code == 302
    assert ask(client, "third@example.com", REMOTE_ADDR="192.0.2.4").status_code == 302
    assert ask(client, "fourth@example.com", REMOTE_ADDR="192.0.2.4").status_code == 429  # the client's limit
    assert len(smtp_inbox.messages) == 2


def test_the_request_form_keeps_djangos_csrf_check_and_the_confirmation_needs_none(anns_comments, smtp_inbox):
    strict = Client(enforce_csrf_checks=True)
    assert ask(strict).status_code == 403
    ask(Client())
    assert strict.post(mailed_link(smtp_inbox)).status_code == 200


def test_a_bad_request_form_is_a_400_with_the_reason(client, db):
    response = client.post(ASK + "?x=%00", {"email": "not an address", "kind": "everything"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address." in page and "Select a valid choice." in page


def test_the_pages_answer_in_a_few_queries(client, anns_comments, smtp_inbox, django_assert_max_num_queries):
    DiscussionSettings.get_solo()  # its row exists on a running site
    with django_assert_max_num_queries(3):
        assert client.get(ASK + "?utm_source=x").status_code == 200
    with django_assert_max_num_queries(6):
        ask(client)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("comments:personal-data-sent")).status_code == 200
    link = mailed_link(smtp_inbox)
    with django_assert_max_num_queries(3):
        assert client.get(link).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.post(link).status_code == 200


def test_the_privacy_page_and_the_comment_form_lead_to_the_page(client, guide):
    privacy = " ".join(client.get("/privacy/").content.decode().split())
    assert 'href="/your-comments/"' in privacy
    assert "This is the site's setting unless the site owner changes it" in privacy
    assert 'href="/your-comments/"' in client.get(guide.get_absolute_url()).content.decode()


def test_a_mail_that_cannot_be_sent_changes_nothing_the_page_says_and_is_logged(
    client, anns_comments, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    response = ask(client)
    assert response["Location"] == reverse("comments:personal-data-sent")
    assert "Could not mail a personal data confirmation link." in caplog.text
    assert PersonalDataRequest.objects.get().outcome == "mail-failed"


def test_a_request_that_cannot_be_counted_is_refused_with_a_503(client, anns_comments, smtp_inbox, settings, tmp_path):
    (tmp_path / "a-file").write_text("")  # a cache folder below a plain file: nobody can create it
    cache = {"BACKEND": "infusion_site.shared_cache.SharedFileCache", "LOCATION": str(tmp_path / "a-file" / "c")}
    settings.CACHES = {**settings.CACHES, "default": cache}
    response = ask(client)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "problem on our side" in response.content.decode()
    assert smtp_inbox.messages == []


def test_the_links_pages_which_show_the_address_are_for_no_search_index(client, anns_comments, smtp_inbox):
    """Crawlers are not kept out of /your-comments/ (robots.txt closes only what they must not even
    open), so the link's pages, which show the address, say noindex, as the mail link's and the unsubscribe's do."""
    ask(client, kind="erasure")
    link = mailed_link(smtp_inbox)
    confirm = client.get(link)
    assert "ann@example.com" in confirm.content.decode()
    for response in (confirm, client.get(link[:-3] + "xx/"), client.post(link)):
        assert response["X-Robots-Tag"] == "noindex", response.status_code


def test_the_mail_names_the_site_once_and_reads_plainly(client, anns_comments, smtp_inbox):
    """It once read "Someone, we hope you, asked on <site> for a copy of the 2 comments posted on <site>"."""
    ask(client, "ann@example.com")
    first_line = smtp_inbox.messages[0].body.strip().splitlines()[0]
    assert first_line.startswith("Someone (we hope it was you) asked for a copy of the 2 comments posted on ")
    assert first_line.count("posted on") == 1 and " asked on " not in first_line
