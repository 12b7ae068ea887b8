"""The moderation policy: every rule of comments.moderation.decide()."""

import pytest

from articles.models import Article
from comments.models import Comment, DiscussionSettings
from comments.moderation import Submission, decide

PENDING, APPROVED, SPAM = Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.SPAM
UNFILED = Article(title="An article under no topic")  # the crisis rule looks at mental-health topics only


def submission(**fields) -> Submission:
    return Submission(
        **({"name": "Ann Reader", "email": "ann@example.com", "website": "", "body": "Helpful."} | fields)
    )


@pytest.fixture
def rules(db):
    return DiscussionSettings.get_solo()


def test_manual_approval_is_the_default(rules):
    decision = decide(submission(), rules=rules, article=UNFILED)
    assert decision.status == PENDING
    assert decision.reason == "Waiting for a moderator."


def test_known_author_waits_while_auto_approval_is_off(rules, make_article, make_comment):
    make_comment(make_article(), email="ann@example.com")
    assert decide(submission(), rules=rules, article=UNFILED).status == PENDING


def test_known_author_is_approved_when_turned_on(rules, make_article, make_comment):
    make_comment(make_article(), email="Ann@Example.com")
    rules.auto_approve_known_authors = True
    decision = decide(submission(email="ann@example.com"), rules=rules, article=UNFILED)
    assert decision.status == APPROVED
    assert "approved comment" in decision.reason


@pytest.mark.parametrize("status", [PENDING, SPAM, Comment.Status.REMOVED])
def test_an_author_without_an_approved_comment_is_not_known(rules, make_article, make_comment, status):
    make_comment(make_article(), email="ann@example.com", status=status)
    rules.auto_approve_known_authors = True
    assert decide(submission(), rules=rules, article=UNFILED).status == PENDING


def test_links_at_the_limit_hold_even_a_known_author(rules, make_article, make_comment):
    make_comment(make_article(), email="ann@example.com")
    rules.auto_approve_known_authors = True
    decision = decide(submission(body="See https://a.example and www.b.example"), rules=rules, article=UNFILED)
    assert decision.status == PENDING
    assert decision.reason == "Has 2 links (the limit is 2)."


def test_one_link_under_the_limit_does_not_hold(rules, make_article, make_comment):
    make_comment(make_article(), email="ann@example.com")
    rules.auto_approve_known_authors = True
    assert decide(submission(body="See https://a.example"), rules=rules, article=UNFILED).status == APPROVED


def test_link_limit_is_set_by_the_owner(rules):
    rules.link_limit = 5
    assert "links" not in decide(submission(body="http://a http://b http://c"), rules=rules, article=UNFILED).reason


@pytest.mark.parametrize(
    "field, value",
    [("body", "Buy CHEAP pills now"), ("name", "cheap pills"), ("website", "https://cheap-pills.example")],
)
def test_a_moderation_word_anywhere_holds_the_comment(rules, make_article, make_comment, field, value):
    make_comment(make_article(), email="ann@example.com")
    rules.auto_approve_known_authors = True
    rules.moderation_words = "\n  Cheap  \n\n"
    decision = decide(submission(**{field: value}), rules=rules, article=UNFILED)
    assert decision.status == PENDING
    assert decision.reason == "Contains “cheap” from the moderation list."


@pytest.mark.parametrize(
    "field, value",
    [("body", "visit casino-royal today"), ("email", "bot@casino-royal.example"), ("ip_address", "198.51.100.9")],
)
def test_a_disallowed_entry_anywhere_is_spam(rules, field, value):
    rules.disallowed_words = "casino-royal\n198.51.100.9"
    decision = decide(submission(**{field: value}), rules=rules, article=UNFILED)
    assert decision.status == SPAM
    assert "spam list" in decision.reason


def test_spam_wins_over_every_other_rule(rules, make_article, make_comment):
    make_comment(make_article(), email="ann@example.com")
    rules.auto_approve_known_authors = True
    rules.moderation_words = "pills"
    rules.disallowed_words = "pills"
    assert decide(submission(body="pills http://a http://b"), rules=rules, article=UNFILED).status == SPAM


def test_empty_lists_hold_nothing(rules):
    rules.moderation_words = "\n\n   \n"
    rules.disallowed_words = ""
    assert decide(submission(), rules=rules, article=UNFILED).reason == "Waiting for a moderator."


def test_links_are_counted_in_every_markdown_form(db):
    rules = DiscussionSettings.get_solo()
    body = "[a](//one.example) [b](//two.example) <https://three.example>"
    decision = decide(Submission(name="A", email="a@example.com", website="", body=body), rules=rules, article=UNFILED)
    assert decision.reason == "Has 3 links (the limit is 2)."


def test_a_known_author_is_known_by_name_and_email_together(guide, make_comment):
    make_comment(guide, name="Ann Reader", email="ann@example.com")
    rules = DiscussionSettings.get_solo()
    rules.auto_approve_known_authors = True
    borrowed = Submission(name="Mallory", email="ann@example.com", website="", body="Hi")
    assert decide(borrowed, rules=rules, article=UNFILED).status == Comment.Status.PENDING
    genuine = Submission(name="ann reader", email="ANN@example.com", website="", body="Hi")
    assert decide(genuine, rules=rules, article=UNFILED).status == Comment.Status.APPROVED


def test_an_ip_entry_matches_that_address_only(db):
    rules = DiscussionSettings.get_solo()
    rules.disallowed_words = "10.0.0.1"
    near = Submission(name="A", email="a@example.com", website="", body="Hi", ip_address="10.0.0.12")
    exact = Submission(name="A", email="a@example.com", website="", body="Hi", ip_address="10.0.0.1")
    assert decide(near, rules=rules, article=UNFILED).status == Comment.Status.PENDING
    assert decide(exact, rules=rules, article=UNFILED).status == Comment.Status.SPAM
