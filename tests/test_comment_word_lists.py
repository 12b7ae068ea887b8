"""The "mark as spam" and "hold" lists catch a word however it is typed, as long as it reads as that word."""

import pytest

from articles.models import Article
from comments.models import Comment, DiscussionSettings
from comments.moderation import Submission, decide
from tests.conftest import comment_form_data

UNFILED = Article(title="An article under no topic")  # the crisis rule looks at mental-health topics only


@pytest.fixture
def rules(db):
    rules = DiscussionSettings.get_solo()
    rules.disallowed_words = "spamword"
    rules.moderation_words = "holdword"
    rules.save()
    return rules


def decision_for(body: str, rules):
    return decide(Submission(name="Ann", email="ann@example.com", website="", body=body), rules=rules, article=UNFILED)


@pytest.mark.parametrize(
    "body",
    ["&#115;pamword", "&#x73;pamword", "&#X73;&#112;amword", "spam**word**", "sp*am*word", "SPAMWORD"],
)
def test_a_listed_word_written_another_way_is_marked_as_spam(rules, body):
    decision = decision_for(f"Great article! {body}", rules)
    assert decision.status == Comment.Status.SPAM
    assert decision.reason == "Contains “spamword” from the spam list."


def test_a_moderation_word_written_with_an_entity_is_held_with_its_reason(rules):
    decision = decision_for("Try &#104;oldword today", rules)
    assert decision.status == Comment.Status.PENDING
    assert decision.reason == "Contains “holdword” from the moderation list."


def test_words_that_only_look_alike_in_the_markup_do_not_match(rules):
    assert decision_for("spam and then a word", rules).status == Comment.Status.PENDING


def test_a_posted_comment_with_an_encoded_spam_word_never_reaches_the_queue(client, guide, rules):
    client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body="Visit &#115;pamword now"))
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert not Comment.objects.pending().exists()
