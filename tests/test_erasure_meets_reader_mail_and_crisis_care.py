"""Erasure reaches what the other comment features keep of a person: their ask for mail and the
crisis phrase quoted from their words go with the text; their "never write to me" stays."""

from comments.models import Comment, DiscussionSettings, MutedAddress
from comments.personal_data import erase


def test_erasure_clears_the_ask_for_mail_and_the_quoted_crisis_phrase(make_comment, guide):
    comment = make_comment(guide, email="Reader@Example.org", body="Some days I want to die.")
    Comment.objects.filter(pk=comment.pk).update(notify_author=True, crisis_phrase="want to die")
    assert erase("reader@example.org") == 1
    comment.refresh_from_db()
    assert (comment.notify_author, comment.crisis_phrase, comment.email) == (False, "", "")


def test_erasure_that_keeps_the_text_keeps_its_crisis_phrase_and_a_muted_address_stays_muted(make_comment, guide):
    rules = DiscussionSettings.get_solo()
    rules.erasure_keeps_text = True
    rules.save()
    comment = make_comment(guide, email="reader@example.org", body="Some days I want to die.")
    Comment.objects.filter(pk=comment.pk).update(crisis_phrase="want to die")
    MutedAddress.objects.create(email="reader@example.org")
    erase("reader@example.org")
    comment.refresh_from_db()
    assert comment.crisis_phrase == "want to die"
    assert MutedAddress.is_muted("reader@example.org")


def test_erasure_leaves_no_words_or_address_of_theirs_in_why_the_rules_held_it(make_comment, guide):
    """The reason quotes what matched: the crisis phrase, or a moderation-list entry such as their address or IP."""
    crisis = make_comment(
        guide,
        email="reader@example.org",
        body="Some days I want to die.",
        crisis_phrase="want to die",
        status_reason="Edited by its author. Possible crisis: “want to die”.",
    )
    listed = make_comment(
        guide, email="reader@example.org", status_reason="Contains “reader@example.org” from the moderation list."
    )
    erase("reader@example.org")
    for comment in (crisis, listed):
        comment.refresh_from_db()
        assert "want to die" not in comment.status_reason and "reader@example.org" not in comment.status_reason
        assert comment.status_reason == "Erased at its author's request."
