"""Approving from a mail link a reply whose parent still waits: the page says it is approved, but
not that readers see it, and does not offer "See it on the article", where it is not shown yet."""

from django.test import Client

from comments import mail_links
from comments.models import Comment
from tests.conftest import APPROVED, PENDING


def test_a_reply_under_a_waiting_comment_is_not_said_to_be_on_the_article(guide, moderator, make_comment):
    parent = make_comment(guide, status=PENDING, body="A question that still waits.")
    reply = make_comment(guide, parent=parent, status=PENDING, body="A reply to it.")
    path = mail_links.link(reply, "approve", moderator).removeprefix("http://testserver")
    response = Client().post(path, follow=True)
    assert Comment.objects.get(pk=reply.pk).status == APPROVED
    html = response.content.decode()
    assert "<h1>Comment approved</h1>" in html
    assert "Readers see it on the article now." not in html
    assert ">See it on the article</a>" not in html
    assert "Readers do not see it yet" in html and ">Moderation queue</a>" in html
