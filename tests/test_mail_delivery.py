"""Mail to moderators reaches a real SMTP server, with links on the site's configured address."""

import io

from django.core.management import call_command
from django.urls import reverse

from comments.models import Comment, DiscussionSettings
from tests.conftest import comment_form_data
from tests.mail_server import SITE


def test_a_waiting_comment_is_mailed_to_the_moderators_with_links_on_the_sites_address(
    client, guide, moderator, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("comments:post", kwargs={"slug": guide.slug}),
            comment_form_data(guide, body="Does the infusion need a referral?"),
        )  # served as "testserver": the links must not take the request's host
    comment = Comment.objects.get()
    [message] = smtp_inbox.messages
    assert message.recipients == ["moderator@example.com"]
    assert message["To"] == "moderator@example.com"
    assert message["From"] == "Ketamine Infusion <noreply@guide.example.org>"
    assert message["Subject"] == f"Comment waiting on “{guide.title}”"
    body = message.body
    assert "Does the infusion need a referral?" in body
    assert f"Open this comment: {SITE}/admin/comments/comment/{comment.pk}/change/" in body
    assert f"Moderation queue: {SITE}/admin/comments/comment/" in body
    assert "testserver" not in body
    assert "ann@example.com" not in body  # the author's address stays in the admin


def test_the_digest_reaches_the_smtp_server_with_the_queue_on_the_sites_address(
    guide, moderator, make_comment, smtp_inbox
):
    rules = DiscussionSettings.get_solo()
    rules.notify_moderators = DiscussionSettings.Notify.DIGEST
    rules.save()
    make_comment(guide, status=Comment.Status.PENDING, name="Ann")
    call_command("send_moderation_digest", stdout=io.StringIO())
    [message] = smtp_inbox.messages
    assert message.recipients == ["moderator@example.com"]
    assert message["Subject"] == "1 comment waiting for moderation"
    assert f"Moderation queue: {SITE}/admin/comments/comment/" in message.body
