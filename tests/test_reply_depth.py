"""How deep replies nest is one number, comments.models.MAX_DEPTH: every refusal, Reply link and count follows it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments import models as comment_models
from comments.models import Comment
from tests.conftest import comment_form_data

APPROVED, REMOVED = Comment.Status.APPROVED, Comment.Status.REMOVED


@pytest.fixture
def two_levels(monkeypatch):
    """Replies stop at the second level: what the site would do if the constant said 2."""
    monkeypatch.setattr(comment_models, "MAX_DEPTH", 2)


def chain(make_comment, article, levels: int) -> list[Comment]:
    """A comment and a reply to it, and a reply to that, `levels` deep."""
    comments = [make_comment(article)]
    for _ in range(levels - 1):
        comments.append(make_comment(article, parent=comments[-1]))
    return comments


def reply_links(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r"replytocom=(\d+)", html)}


def test_a_reader_replying_below_the_deepest_level_hears_the_limit_and_keeps_the_text(
    client, guide, make_comment, two_levels
):
    second = chain(make_comment, guide, 2)[-1]
    data = comment_form_data(guide, parent=str(second.pk), body="My reply, kept.")
    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Replies nest two levels deep at most" in html
    assert "My reply, kept." in html
    assert Comment.objects.count() == 2


def test_a_reply_at_the_deepest_level_is_accepted(client, guide, make_comment, monkeypatch):
    monkeypatch.setattr(comment_models, "MAX_DEPTH", 4)
    third = chain(make_comment, guide, 3)[-1]
    data = comment_form_data(guide, parent=str(third.pk))
    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), data)
    assert response.status_code == 302
    assert Comment.objects.get(parent=third).depth == 4


def test_the_deepest_comments_offer_no_reply_link(guide, make_comment, two_levels):
    first = chain(make_comment, guide, 2)[0]
    assert reply_links(Client().get(guide.get_absolute_url()).content.decode()) == {first.pk}


def test_a_staff_reply_below_the_deepest_level_is_refused_with_the_limit(
    moderator_client, guide, make_comment, two_levels
):
    second = chain(make_comment, guide, 2)[-1]
    data = {"name": second.name, "email": second.email, "website": "", "body": second.body, "status": APPROVED}
    response = moderator_client.post(
        reverse("admin:comments_comment_change", args=[second.pk]), data | {"staff_reply": "Thank you."}
    )
    assert response.status_code == 200
    assert "Replies nest two levels deep at most" in response.content.decode()
    assert not Comment.objects.filter(parent=second).exists()


def test_the_heading_counts_no_reply_under_a_hidden_comment_at_any_depth(guide, make_comment, monkeypatch):
    monkeypatch.setattr(comment_models, "MAX_DEPTH", 5)
    comments = chain(make_comment, guide, 5)
    comments[1].status = REMOVED  # hides the three replies under it as well
    comments[1].save()
    html = Client().get(guide.get_absolute_url()).content.decode()
    assert '<h2 id="comments-heading">1 Comment</h2>' in html
