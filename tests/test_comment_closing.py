"""Comments closed by an editor or by the article's age: a post is refused with the text kept."""

from datetime import timedelta

from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.conftest import post_comment


def test_a_post_to_an_article_with_comments_closed_is_403_and_the_text_kept(client, guide):
    guide.comments_open = False
    guide.save()
    response = post_comment(client, guide, body="My unsent words.")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Comments are closed" in html
    assert "My unsent words." in html
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(client, make_article):
    article = make_article(published_at=timezone.now() - timedelta(days=40))
    rules = DiscussionSettings.get_solo()
    rules.close_after_days = 30
    rules.save()
    assert post_comment(client, article).status_code == 403
    rules.close_after_days = 60
    rules.save()
    assert post_comment(client, article).status_code == 302
