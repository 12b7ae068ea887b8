"""The same comment sent twice is refused as a duplicate, with a link to the one waiting.

Another author's same words are not a duplicate.
"""

import re

from comments.models import Comment
from tests.conftest import post_comment


def test_a_duplicate_is_refused_as_a_duplicate(client, guide):
    post_comment(client, guide)
    response = post_comment(client, guide, body="  Thank you, this answered my question.  ")
    assert response.status_code == 409
    html = response.content.decode()
    assert "You have already sent this comment; it is awaiting moderation" in html
    earlier = Comment.objects.get()
    link = re.search(r'<a href="([^"]+)">see your comment</a>', html).group(1)
    assert link.startswith(f"{guide.get_absolute_url()}?unapproved=") and link.endswith(f"#comment-{earlier.pk}")
    assert Comment.objects.count() == 1


def test_the_same_text_from_another_author_is_not_a_duplicate(client, guide):
    post_comment(client, guide)
    post_comment(client, guide, email="bob@example.com", name="Bob")
    assert Comment.objects.count() == 2
