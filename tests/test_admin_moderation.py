"""Moderators' queue in the admin: pending first, bulk decisions, staff replies, nothing lost."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from comments.models import Comment, DiscussionSettings
from tests.conftest import APPROVED, PENDING, QUEUE, REMOVED, SPAM


def run_action(client, action, comments, *, shown="pending"):
    """Tick `comments` in the queue filtered by `shown` and run `action`, as the admin page does."""
    return client.post(
        f"{QUEUE}?status={shown}",
        {"action": action, "_selected_action": [c.pk for c in comments], "index": "0"},
        follow=True,
    )


def test_moderators_group_has_exactly_the_comment_permissions(db):
    codenames = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert codenames == {"view_comment", "change_comment", "view_personaldatarequest"}


def test_a_new_moderator_can_work_the_queue_at_once(moderator_client, guide, make_comment):
    make_comment(guide, status=PENDING)
    assert moderator_client.get(QUEUE).status_code == 200


def test_a_moderator_cannot_edit_articles(moderator_client, guide):
    assert moderator_client.get(reverse("admin:articles_article_change", args=[guide.pk])).status_code == 403


def test_the_queue_shows_pending_first_with_counts(moderator_client, guide, make_comment):
    make_comment(guide, status=PENDING, body="Waiting words.")
    make_comment(guide, status=APPROVED, body="Published words.")
    html = moderator_client.get(QUEUE).content.decode()
    assert "Waiting words." in html
    assert "Published words." not in html
    assert "Pending (1)" in html and "Approved (1)" in html and "Spam (0)" in html
    assert "What Is Ketamine Infusion Used For" in html  # the article is shown


@pytest.mark.parametrize("status", [APPROVED, SPAM, REMOVED])
def test_each_status_has_its_filter(moderator_client, guide, make_comment, status):
    make_comment(guide, status=status, body=f"A {status} comment.")
    make_comment(guide, status=PENDING, body="A pending comment.")
    html = moderator_client.get(QUEUE, {"status": status}).content.decode()
    assert f"A {status} comment." in html
    assert "A pending comment." not in html


def test_all_shows_every_status_and_a_bad_filter_value_shows_none(moderator_client, guide, make_comment):
    for status in (PENDING, APPROVED, SPAM, REMOVED):
        make_comment(guide, status=status, body=f"Status {status}.")
    everything = moderator_client.get(QUEUE, {"status": "all"}).content.decode()
    assert all(f"Status {status}." in everything for status in (PENDING, APPROVED, SPAM, REMOVED))
    response = moderator_client.get(QUEUE, {"status": "nonsense"})
    assert response.status_code == 200
    assert "Status pending." not in response.content.decode()


@pytest.mark.parametrize("term", ["ann@example.com", "Ann Reader", "unusual phrase", "203.0.113.7"])
def test_search_by_name_email_text_and_ip(moderator_client, guide, make_comment, term):
    make_comment(guide, status=PENDING, body="An unusual phrase here.")
    make_comment(guide, status=PENDING, name="Zed", email="zed@example.com", body="Other.", ip_address="192.0.2.99")
    html = moderator_client.get(QUEUE, {"q": term}).content.decode()
    assert "An unusual phrase here." in html
    assert "Other." not in html


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [("approve", APPROVED, "2 comments approved."), ("mark_spam", SPAM, "2 comments marked as spam."),
     ("remove", REMOVED, "2 comments removed.")],
)  # fmt: skip
def test_bulk_actions_set_the_status(moderator_client, guide, make_comment, action, status, message):
    comments = [make_comment(guide, status=PENDING) for _ in range(2)]
    response = run_action(moderator_client, action, comments)
    assert message in response.content.decode()
    assert {c.status for c in Comment.objects.all()} == {status}


def test_removing_keeps_the_row_and_approving_undoes_it(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=APPROVED, body="Kept after a wrong click.")
    run_action(moderator_client, "remove", [comment], shown="approved")
    assert Comment.objects.get().status == REMOVED
    run_action(moderator_client, "approve", [comment], shown="removed")
    assert Comment.objects.get().body == "Kept after a wrong click."
    assert Comment.objects.get().status == APPROVED


def test_there_is_no_bulk_delete(moderator_client, guide, make_comment):
    make_comment(guide, status=PENDING)
    assert "delete_selected" not in moderator_client.get(QUEUE).content.decode()


def test_actions_are_hidden_from_staff_who_may_only_view(client, guide, make_comment, staff_without_article_rights):
    user = staff_without_article_rights
    user.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(user)
    make_comment(guide, status=PENDING)
    html = client.get(QUEUE).content.decode()
    assert "Approve selected comments" not in html
    comment = Comment.objects.get()
    run_action(client, "approve", [comment])
    assert Comment.objects.get().status == PENDING


def test_the_admin_index_shows_how_many_comments_wait(moderator_client, guide, make_comment):
    for _ in range(3):
        make_comment(guide, status=PENDING)
    html = moderator_client.get(reverse("admin:index")).content.decode()
    assert "3 comments awaiting moderation" in html
    assert f'href="{QUEUE}"' in html


def test_the_index_says_nothing_when_nothing_waits(moderator_client, guide, make_comment):
    make_comment(guide, status=APPROVED)
    assert "awaiting moderation" not in moderator_client.get(reverse("admin:index")).content.decode()


def change_form(comment, **overrides) -> dict:
    data = {"name": comment.name, "email": comment.email, "website": comment.website, "body": comment.body}
    return data | {"status": comment.status, "staff_reply": ""} | overrides


def test_a_moderator_replies_as_staff_and_it_is_published_at_once(moderator_client, moderator, guide, make_comment):
    comment = make_comment(guide, status=APPROVED)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = moderator_client.post(url, change_form(comment, staff_reply="Thank you, *Ann*."), follow=True)
    assert "Your reply is published." in response.content.decode()
    reply = Comment.objects.get(parent=comment)
    assert (reply.status, reply.is_staff_reply, reply.user) == (APPROVED, True, moderator)
    assert reply.body_html == "<p>Thank you, <em>Ann</em>.</p>"
    page = moderator_client.get(guide.get_absolute_url()).content.decode()
    assert "Thank you, <em>Ann</em>." in page


def test_a_staff_reply_saved_under_a_pending_comment_points_to_approve_and_reply(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = moderator_client.post(url, change_form(comment, staff_reply="Hello."))
    assert response.status_code == 200
    html = response.content.decode()
    assert "press “Approve and reply” to publish both" in html
    assert '<button type="submit" name="approve_and_reply"' in html
    assert "Hello.</textarea>" in html  # the reply is kept
    assert Comment.objects.count() == 1


def test_approving_and_replying_in_one_save_works(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=PENDING)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    moderator_client.post(url, change_form(comment, status=APPROVED, staff_reply="Welcome."))
    assert Comment.objects.filter(parent=comment, status=APPROVED).exists()


def test_a_moderator_can_edit_a_comment_and_it_is_rendered_again(moderator_client, guide, make_comment):
    comment = make_comment(guide, status=APPROVED)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    moderator_client.post(url, change_form(comment, body="Edited **text**."))
    assert Comment.objects.get().body_html == "<p>Edited <strong>text</strong>.</p>"


def test_script_in_a_comment_is_escaped_in_the_admin(moderator_client, guide, make_comment):
    make_comment(guide, status=PENDING, name="<script>alert(1)</script>", body="<img src=x onerror=alert(1)>")
    html = moderator_client.get(QUEUE).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;" in html


def test_comments_cannot_be_added_from_the_admin(moderator_client):
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_an_unknown_comment_id_is_handled_not_a_500(moderator_client, db):
    response = moderator_client.get(reverse("admin:comments_comment_change", args=[999999]), follow=True)
    assert response.status_code == 200
    assert "doesn’t exist" in response.content.decode()


def test_discussion_settings_are_edited_in_the_admin(admin_client):
    url = reverse("admin:comments_discussionsettings_change")
    data = {
        "auto_approve_known_authors": "on",
        "link_limit": "3",
        "moderation_words": "pills",
        "disallowed_words": "casino",
        "close_after_days": "",
        "comments_per_page": "20",
        "notify_moderators": "digest",
        "staff_reply_name": "The clinic team",
    }
    assert admin_client.post(url, data).status_code == 302
    rules = DiscussionSettings.get_solo()
    assert (rules.link_limit, rules.comments_per_page, rules.notify_moderators) == (3, 20, "digest")
    assert rules.auto_approve_known_authors


def test_a_status_picked_on_the_change_form_is_a_decision_with_its_log_line_and_undo(
    moderator_client, guide, make_comment
):
    comment = make_comment(guide, status=PENDING)
    url = reverse("admin:comments_comment_change", args=[comment.pk])

    response = moderator_client.post(url, change_form(comment, status=SPAM), follow=True)

    assert Comment.objects.get(pk=comment.pk).status == SPAM
    assert "1 comment marked as spam." in response.content.decode()
    assert 'class="undo-decision"' in response.content.decode()
    assert LogEntry.objects.filter(object_id=str(comment.pk), change_message="Status: Pending → Spam.").exists()


def test_removed_by_author_picked_on_the_change_form_is_a_decision_too(moderator_client, guide, make_comment):
    """The status list offers "Removed by author" (slice C): picking it is no 500, and it has its undo."""
    comment = make_comment(guide, status=APPROVED)
    url = reverse("admin:comments_comment_change", args=[comment.pk])

    response = moderator_client.post(url, change_form(comment, status=Comment.Status.WITHDRAWN), follow=True)

    assert response.status_code == 200
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.WITHDRAWN
    assert "1 comment marked as removed by its author." in response.content.decode()
    assert 'class="undo-decision"' in response.content.decode()
