"""A comment longer than the limit is never cut: the reader is told the limit and how long theirs is."""

import re

from django.urls import reverse

from comments.models import BODY_MAX_LENGTH, Comment
from tests.conftest import comment_form_data


def comment_textarea(html: str) -> str:
    return re.search(r"<textarea[^>]*>", html).group(0)


def test_the_comment_box_does_not_cut_what_is_typed_or_pasted(client, guide):
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "maxlength" not in comment_textarea(html)


def test_the_limit_is_stated_next_to_the_comment_box(client, guide):
    html = client.get(guide.get_absolute_url()).content.decode()
    assert '<span class="field-help" id="id_body_helptext">Up to 5,000 characters.</span>' in html
    assert 'aria-describedby="id_body_helptext"' in comment_textarea(html)


def test_a_longer_comment_is_refused_with_its_length_and_kept_whole(client, guide):
    body = "A long story. " * 379 + "The end."  # 5,314 characters
    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), comment_form_data(guide, body=body))
    html = response.content.decode()
    assert response.status_code == 400
    assert "A comment may be at most 5,000 characters; yours has 5,314." in html
    assert body.strip() in html
    assert not Comment.objects.exists()


def test_a_comment_of_exactly_the_limit_is_taken(client, guide):
    body = "x" * BODY_MAX_LENGTH
    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), comment_form_data(guide, body=body))
    assert response.status_code == 302
    assert len(Comment.objects.get().body) == BODY_MAX_LENGTH
