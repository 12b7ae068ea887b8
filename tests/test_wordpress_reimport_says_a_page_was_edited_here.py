"""A re-import of an unchanged item whose page an editor changed here says so, so the owner knows the page
no longer matches WordPress and why the import left it."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.wordpress_export import export, item


def run(path) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "one"), item(2, "two")))
    run(path)
    return path


@pytest.mark.django_db
def test_unchanged_item_edited_here_is_reported_as_edited_and_kept(imported):
    article = Article.objects.get(slug="one")
    article.title = "One, as edited here"
    article.save()
    summary = run(imported)
    assert "article “Post 1”: unchanged since the last import (edited here since: kept)" in summary
    assert "article “Post 2”: unchanged since the last import\n" in summary + "\n"
    assert Article.objects.get(slug="one").title == "One, as edited here"


@pytest.mark.django_db
def test_unchanged_item_not_edited_says_only_unchanged(imported):
    summary = run(imported)
    assert "edited here since" not in summary
