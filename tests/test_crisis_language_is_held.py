"""On an article in a mental-health topic, a comment with crisis language from the editors' list waits
for a person, whatever the other rules say, with "possible crisis" as its reason: whole words and
phrases, however they are cased, spaced, punctuated or apostrophed. Near misses do not match: a
phrase the editors list as not a crisis ("suicide prevention research"), a word that only contains
one ("skill myself"), and the article's own words quoted back. Elsewhere nothing changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Topic
from comments.models import Comment, DiscussionSettings
from comments.moderation import Decision, Submission, decide
from tests.conftest import post_comment

QUOTED_SENTENCE = "Thoughts of suicide can come with severe depression."


@pytest.fixture
def rules(db):
    return DiscussionSettings.get_solo()


@pytest.fixture
def mental_health_article(make_article):
    article = make_article(topic=Topic.objects.create(name="Depression", slug="depression", is_mental_health=True))
    section = article.sections.first()
    section.body = QUOTED_SENTENCE
    section.save()  # makes the body again, and the article's text the rules compare quotes with
    return Article.objects.get(pk=article.pk)


def decision_on(article, body: str, rules) -> Decision:
    submission = Submission(name="Ann", email="ann@example.com", website="", body=body)
    return decide(submission, rules=rules, article=article)


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ("Some days I want to kill myself.", "kill myself"),
        ("KILL MYSELF is all I think about", "kill myself"),
        ("I could kill  myself, honestly", "kill myself"),  # two spaces
        ("I keep thinking kill\nmyself", "kill myself"),  # across lines
        ("Nothing helps and I want to end my life", "end my life"),  # at the end, no full stop
        ("I can’t go on anymore.", "can't go on anymore"),  # a curly apostrophe
        ("i cant go on anymore", "can't go on anymore"),  # none at all
        ("There is no reason to live.", "no reason to live"),
        ("I have been thinking about **suicide**.", "suicide"),  # emphasis is no disguise
        ("Thinking about &#115;uicide again", "suicide"),  # nor an entity
        ("I self-harm when it gets bad", "self-harm"),
        ("I self harm when it gets bad", "self-harm"),
        ("Suicide prevention research is my job, but lately I want to die.", "want to die"),
        ('My brother said "suicide is selfish" and I think about it.', "suicide"),  # a quote, not the article's
    ],
)
def test_crisis_language_is_held_with_its_phrase_as_the_reason(mental_health_article, rules, body, phrase):
    decision = decision_on(mental_health_article, body, rules)
    assert decision.status == Comment.Status.PENDING
    assert decision.reason == f"Possible crisis: “{phrase}”."


@pytest.mark.parametrize(
    "body",
    [
        "I work in suicide prevention research: thank you for the references.",
        "Our Suicide-Awareness walk raised money for the clinic.",
        "With this much practice I could skill myself up in a month.",  # a word that contains "kill"
        "Is killmyself.example a real address?",
        f"> {QUOTED_SENTENCE}\n\nIs that true with ketamine too?",  # the article, quoted as a block
        f"You write “{QUOTED_SENTENCE.lower().rstrip('.')}”: is that common?",  # in quotation marks
        f'You write "{QUOTED_SENTENCE}" Is that common?',
    ],
)
def test_near_misses_are_not_a_possible_crisis(mental_health_article, rules, body):
    decision = decision_on(mental_health_article, body, rules)
    assert decision.reason == "Waiting for a moderator."
    assert decision.crisis_phrase == ""


def test_a_quote_of_the_article_does_not_hide_the_readers_own_words(mental_health_article, rules):
    decision = decision_on(mental_health_article, f"> {QUOTED_SENTENCE}\n\nThat is me. I want to die.", rules)
    assert decision.reason == "Possible crisis: “want to die”."


def test_outside_a_mental_health_topic_the_same_words_follow_the_other_rules(make_article, rules):
    rules.auto_approve_known_authors = True
    rules.save()
    Comment.objects.create(article=make_article(), name="Ann", email="ann@example.com", body="Hi.", status="approved")
    for topic in (None, Topic.objects.create(name="Sleep", slug="sleep")):
        decision = decision_on(make_article(topic=topic), "I want to kill myself.", rules)
        assert decision.status == Comment.Status.APPROVED and decision.crisis_phrase == ""


def test_crisis_language_is_held_even_from_a_known_author_and_before_the_spam_list(mental_health_article, rules):
    """A person who may be in danger must reach a person: never published unread, never lost in spam."""
    rules.auto_approve_known_authors = True
    rules.disallowed_words = "casino"
    rules.save()
    Comment.objects.create(
        article=mental_health_article, name="Ann", email="ann@example.com", body="Earlier.", status="approved"
    )
    assert decision_on(mental_health_article, "Thanks!", rules).status == Comment.Status.APPROVED
    decision = decision_on(mental_health_article, "I lost it all at the casino and want to die.", rules)
    assert (decision.status, decision.reason) == (Comment.Status.PENDING, "Possible crisis: “want to die”.")


def test_editors_keep_the_lists(mental_health_article, rules):
    rules.crisis_phrases = "Hopeless\n\n  "
    rules.crisis_exceptions = ""
    rules.save()
    assert decision_on(mental_health_article, "I feel hopeless.", rules).crisis_phrase == "hopeless"
    assert decision_on(mental_health_article, "I want to die.", rules).crisis_phrase == ""
    rules.crisis_phrases = "suicide"
    rules.save()
    assert decision_on(mental_health_article, "Suicide prevention matters.", rules).crisis_phrase == "suicide"


def test_a_crisis_comment_posted_on_the_guide_is_held_with_its_reason(client, guide):
    """The guide's topic is a mental-health one (articles/content)."""
    assert post_comment(client, guide, body="Nothing has worked and I want to end my life.").status_code == 302
    comment = Comment.objects.get()
    assert (comment.status, comment.status_reason) == (Comment.Status.PENDING, "Possible crisis: “end my life”.")
    assert comment.crisis_phrase == "end my life"


def test_posting_on_a_mental_health_article_costs_no_query_more_than_on_one_under_no_topic(
    guide, make_article, rules, django_assert_max_num_queries
):
    unfiled = make_article()
    post_comment(Client(), unfiled, body="A first comment: the settings row is made.")
    with CaptureQueriesContext(connection) as elsewhere:
        post_comment(Client(), unfiled, body="Does the first infusion feel strange?")
    with django_assert_max_num_queries(len(elsewhere.captured_queries)):
        assert post_comment(Client(), guide, body="Does the first infusion feel strange?").status_code == 302
