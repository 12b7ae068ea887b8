"""A staff reply is signed with a person's name or the site's label, never with a login name."""

import importlib
import re
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from comments.models import Comment, DiscussionSettings

MIGRATIONS = Path(__file__).resolve().parents[1] / "comments" / "migrations"


def reply_as_staff(client, comment, text):
    data = {"name": comment.name, "email": comment.email, "website": "", "body": comment.body}
    client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        data | {"status": comment.status, "staff_reply": text},
    )
    return Comment.objects.get(parent=comment)


def public_authors(article) -> list[str]:
    html = Client().get(article.get_absolute_url()).content.decode()
    return re.findall(r'<span class="comment-author"[^>]*>([^<]*)</span>', html)


def test_a_staff_member_without_a_full_name_signs_with_the_sites_label(moderator_client, guide, make_comment):
    reply = reply_as_staff(moderator_client, make_comment(guide), "Thank you.")
    assert reply.name == "The editors"
    assert public_authors(guide) == ["Ann Reader", "The editors"]
    assert "moderator" not in Client().get(guide.get_absolute_url()).content.decode()


def test_the_site_owner_chooses_the_label(moderator_client, guide, make_comment):
    rules = DiscussionSettings.get_solo()
    rules.staff_reply_name = "The clinic team"
    rules.save()
    assert reply_as_staff(moderator_client, make_comment(guide), "Thank you.").name == "The clinic team"


def test_a_staff_member_with_a_name_signs_with_it(moderator_client, moderator, guide, make_comment):
    moderator.first_name, moderator.last_name = "Dana", "Reyes"
    moderator.save()
    assert reply_as_staff(moderator_client, make_comment(guide), "Thank you.").name == "Dana Reyes"


def test_the_label_is_set_in_the_discussion_settings(client, db):
    client.force_login(User.objects.create_superuser("owner", "owner@example.com", "a-long-test-password"))
    page = client.get(reverse("admin:comments_discussionsettings_change")).content.decode()
    assert "Sign staff replies as" in page and 'value="The editors"' in page


def test_the_migration_renames_replies_signed_with_a_login_name(guide, moderator, make_comment):
    parent = make_comment(guide)
    old = make_comment(guide, parent=parent, is_staff_reply=True, user=moderator, name="moderator")
    named = make_comment(guide, parent=parent, is_staff_reply=True, user=moderator, name="Dana Reyes")
    reader = make_comment(guide, parent=parent, name="moderator")  # a reader may call themself that
    [migration] = MIGRATIONS.glob("*_mailauth_staff_reply_name.py")
    importlib.import_module(f"comments.migrations.{migration.stem}").sign_staff_replies_without_login_names(apps, None)
    names = dict(Comment.objects.values_list("pk", "name"))
    assert (names[old.pk], names[named.pk], names[reader.pk]) == ("The editors", "Dana Reyes", "moderator")
