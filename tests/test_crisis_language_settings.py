"""Editors keep the crisis phrases and their exceptions in the Discussion settings; a site that had its
settings before this feature gets the careful defaults from the migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from comments.models import DEFAULT_CRISIS_EXCEPTIONS, DEFAULT_CRISIS_PHRASES, DiscussionSettings

BEFORE = [("comments", "0008_s4_comment_author_email_index")]
SETTINGS_PAGE = reverse("admin:comments_discussionsettings_change")


def test_the_settings_page_shows_the_lists_with_their_defaults(admin_client):
    html = admin_client.get(SETTINGS_PAGE).content.decode()
    assert "Care on mental-health topics" in html
    assert "kill myself\nkilling myself\nend my life" in html
    assert "no reason to live\nself-harm" in html
    assert "suicide prevention\nsuicide awareness" in html


def test_editors_change_the_lists_in_the_admin(admin_client, db):
    form = admin_client.get(SETTINGS_PAGE).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"crisis_phrases": "hopeless\nwant to die", "crisis_exceptions": "", "close_after_days": ""}
    data["auto_approve_known_authors"] = ""
    assert admin_client.post(SETTINGS_PAGE, data).status_code == 302
    rules = DiscussionSettings.get_solo()
    assert DiscussionSettings.entries(rules.crisis_phrases) == ["hopeless", "want to die"]
    assert rules.crisis_exceptions == ""


@pytest.mark.django_db(transaction=True)
def test_an_existing_sites_settings_get_the_careful_defaults():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_settings = executor.loader.project_state(BEFORE).apps.get_model("comments", "DiscussionSettings")
    old_settings.objects.create(pk=1, moderation_words="pills")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # every app back to its newest state, for the tests after this one
    executor.migrate(latest)
    settings = executor.loader.project_state(latest).apps.get_model("comments", "DiscussionSettings").objects.get()
    assert settings.moderation_words == "pills"
    assert (settings.crisis_phrases, settings.crisis_exceptions) == (DEFAULT_CRISIS_PHRASES, DEFAULT_CRISIS_EXCEPTIONS)
    assert "suicide" in DiscussionSettings.entries(settings.crisis_phrases)
