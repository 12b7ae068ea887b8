"""Roles are groups created by migrations: one checkbox makes a staff user an editor or a moderator."""

from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.conftest import STAFF_PASSWORD


def staff_in(group_name: str) -> Client:
    user = User.objects.create_user(f"new-{group_name.lower()}", "", STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


def test_editors_group_covers_articles_and_nothing_of_comments_or_users(db):
    permissions = Group.objects.get(name="Editors").permissions.select_related("content_type")
    apps = {permission.content_type.app_label for permission in permissions}
    assert apps == {"articles"}
    codenames = set(permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "add_reference", "change_person", "add_faq"} <= codenames


def test_a_new_editor_can_publish_at_once(make_article):
    client = staff_in("Editors")
    draft = make_article(status=Article.Status.DRAFT)
    changelist = reverse("admin:articles_article_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk], "index": "0"})
    assert Article.objects.published().filter(pk=draft.pk).exists()
    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    assert client.post(reverse("editor-preview"), {"content": "*x*"}).status_code == 200


def test_an_editor_cannot_reach_comments_or_users(db):
    client = staff_in("Editors")
    assert client.get(reverse("admin:comments_comment_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_staff_outside_the_groups_cannot_edit_preview_or_use_the_editor(make_article):
    user = User.objects.create_user("plain-staff", "", STAFF_PASSWORD, is_staff=True)
    client = Client()
    client.force_login(user)
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post(reverse("editor-preview"), {"content": "x"}).status_code == 403
