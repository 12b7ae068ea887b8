"""A guide's data file may name a team as its author (`organization: true`): loaded as such, it reloads
unchanged, and a value that is not true or false is a clear error."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles import guide_loader
from articles.models import Article


def load_file(tmp_path, monkeypatch, author: str) -> str:
    (tmp_path / "team.yaml").write_text(
        f"article:\n  slug: team\n  title: T\n  summary: S\n  introduction: I\n  author: {author}\n", encoding="utf-8"
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    return out.getvalue()


def test_the_guides_author_is_loaded_as_its_editorial_team(guide):
    assert guide.author.name == "infusion-site editorial team"
    assert guide.author.is_organization


def test_a_team_named_as_author_loads_as_a_team_and_reloads_unchanged(tmp_path, monkeypatch, db):
    load_file(tmp_path, monkeypatch, "{name: The editors, organization: true}")
    assert Article.objects.get(slug="team").author.is_organization
    assert "unchanged" in load_file(tmp_path, monkeypatch, "{name: The editors, organization: true}")


def test_a_person_named_as_author_stays_a_person(tmp_path, monkeypatch, db):
    load_file(tmp_path, monkeypatch, "{name: Ann Writer}")
    assert not Article.objects.get(slug="team").author.is_organization


def test_an_organization_value_that_is_not_true_or_false_is_a_clear_error(tmp_path, monkeypatch, db):
    with pytest.raises(CommandError, match="author's organization must be true or false"):
        load_file(tmp_path, monkeypatch, "{name: The editors, organization: maybe}")


@pytest.mark.django_db(transaction=True)
def test_a_site_loaded_before_gets_its_editorial_team_marked_as_a_team():
    """Else its guide would differ from the data file, and load_guide would call it edited in the admin."""
    before = [("articles", "0017_i12_content_changed_at")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_person = executor.loader.project_state(before).apps.get_model("articles", "Person")
    old_person.objects.create(name="infusion-site editorial team", slug="infusion-site-editorial-team")
    old_person.objects.create(name="Ann Writer", slug="ann-writer")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    person = executor.loader.project_state(latest).apps.get_model("articles", "Person")
    assert dict(person.objects.values_list("name", "is_organization")) == {
        "infusion-site editorial team": True,
        "Ann Writer": False,
    }
