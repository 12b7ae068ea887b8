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
