"""Pressing Approve on a moderation mail link's page ends on a page that says what was done and
offers the way on: the comment (and a reply) on its article, and the moderation queue."""

import pytest
from django.test import Client
from django.urls import reverse

from comments import mail_links
from comments.models import Comment
from tests.conftest import APPROVED, PENDING


def path_of(comment, action, moderator) -> str:
    return mail_links.link(comment, action, moderator).removeprefix("http://testserver")


@pytest.fixture
def waiting(guide, make_comment):
    return make_comment(guide, status=PENDING, body="Is it *safe* with my medication?")


def test_pressing_approve_says_the_comment_is_approved_and_links_it_and_the_queue(guide, moderator, waiting):
    response = Client().post(path_of(waiting, "approve", moderator), follow=True)
    assert Comment.objects.get().status == APPROVED
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Comment approved</h1>" in html
    assert "Approved by moderator at " in html and "Readers see it on the article now." in html
    assert "This link changed nothing" not in html
    assert f'href="{waiting.get_absolute_url()}"' in html and ">See it on the article</a>" in html
    assert f'href="{reverse("admin:comments_comment_changelist")}"' in html and ">Moderation queue</a>" in html


def test_approve_and_reply_says_so_and_links_the_reply(guide, moderator, waiting):
    response = Client().post(
        path_of(waiting, "reply", moderator), {"reply": "Please ask your prescriber."}, follow=True
    )
    reply = Comment.objects.get(parent=waiting)
    html = response.content.decode()
    assert "<h1>Comment approved</h1>" in html and "Your reply is published under it." in html
    assert f'href="{reply.get_absolute_url()}"' in html and ">See your reply</a>" in html
    assert ">Moderation queue</a>" in html
