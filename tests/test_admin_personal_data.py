"""Moderators give an author a copy of their comments, or erase them, from the admin; the log is read-only."""

import json

from django.contrib.auth.models import Permission
from django.urls import reverse

from comments.models import Comment, PersonalDataRequest
from tests.conftest import QUEUE


def run_action(client, action, comments, *, shown="all", **extra):
    return client.post(
        f"{QUEUE}?status={shown}",
        {"action": action, "_selected_action": [c.pk for c in comments], "index": "0", **extra},
    )


def test_a_moderator_downloads_every_comment_of_the_selected_author(moderator_client, guide, make_comment):
    first = make_comment(guide, email="ann@example.com", body="First.")
    make_comment(guide, email="ANN@example.com", body="Second.", status=Comment.Status.SPAM)
    make_comment(guide, name="Bob", email="bob@example.com", body="Bob's.")
    response = run_action(moderator_client, "export_personal_data", [first])
    assert response["Content-Disposition"] == 'attachment; filename="your-comments.json"'
    copy = json.loads(response.content)
    assert [entry["text"] for entry in copy["comments"]] == ["First.", "Second."]
    assert PersonalDataRequest.objects.get().moderator.username == "moderator"


def test_comments_of_two_authors_are_refused_with_a_reason(moderator_client, guide, make_comment):
    ann = make_comment(guide, email="ann@example.com")
    bob = make_comment(guide, email="bob@example.com")
    response = run_action(moderator_client, "export_personal_data", [ann, bob])
    assert response.status_code == 302
    page = moderator_client.get(response["Location"]).content.decode()
    assert "Select comments of one author" in page
    assert not PersonalDataRequest.objects.exists()


def test_erasing_from_the_admin_asks_first_then_anonymises_every_comment_of_the_author(
    moderator_client, guide, make_comment
):
    ann = make_comment(guide, name="Ann Reader", email="ann@example.com", website="https://ann.example")
    make_comment(guide, name="Ann Reader", email="ann@example.com", status=Comment.Status.PENDING)
    confirm = run_action(moderator_client, "erase_personal_data", [ann])
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "ann@example.com" in page and "2 comments" in page and "Yes, erase" in page
    assert Comment.objects.filter(name="Ann Reader").count() == 2

    done = run_action(moderator_client, "erase_personal_data", [ann], confirmed="yes")
    assert done.status_code == 302
    assert "2 comments erased." in moderator_client.get(done["Location"]).content.decode()
    assert set(Comment.objects.values_list("name", "email", "website", "ip_address")) == {("Anonymous", "", "", None)}
    row = PersonalDataRequest.objects.get()
    assert (row.kind, row.outcome, row.comments, row.moderator.username) == ("erasure", "erased", 2, "moderator")


def test_an_erased_comment_is_still_moderated_from_its_page_without_an_address(moderator_client, guide, make_comment):
    waiting = make_comment(guide, email="ann@example.com", status=Comment.Status.PENDING)
    run_action(moderator_client, "erase_personal_data", [waiting], confirmed="yes")
    erased = Comment.objects.get()
    form = {"name": erased.name, "email": "", "website": "", "body": erased.body, "status": "approved"}
    form["staff_reply"] = ""
    response = moderator_client.post(reverse("admin:comments_comment_change", args=[erased.pk]), form)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_staff_who_may_only_view_comments_have_neither_action(
    client, guide, make_comment, staff_without_article_rights
):
    staff_without_article_rights.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(staff_without_article_rights)
    comment = make_comment(guide)
    page = client.get(f"{QUEUE}?status=all").content.decode()
    assert "erase_personal_data" not in page and "export_personal_data" not in page
    run_action(client, "erase_personal_data", [comment], confirmed="yes")
    assert Comment.objects.get().name == "Ann Reader"


def test_moderators_read_the_request_log_and_cannot_change_it(moderator_client):
    row = PersonalDataRequest.objects.create(kind="erasure", outcome="erased", email_hash="0" * 64, comments=2)
    listing = moderator_client.get(reverse("admin:comments_personaldatarequest_changelist"))
    assert listing.status_code == 200 and "Erased" in listing.content.decode()
    change = moderator_client.get(reverse("admin:comments_personaldatarequest_change", args=[row.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()


def test_the_request_log_is_read_only_in_the_admin(admin_client, db):
    row = PersonalDataRequest.objects.create(kind="copy", outcome="copied", email_hash="0" * 64, comments=1)
    assert admin_client.get(reverse("admin:comments_personaldatarequest_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:comments_personaldatarequest_add")).status_code == 403
    change = admin_client.get(reverse("admin:comments_personaldatarequest_change", args=[row.pk])).content.decode()
    assert 'name="_save"' not in change
    assert admin_client.get(reverse("admin:comments_personaldatarequest_delete", args=[row.pk])).status_code == 403
