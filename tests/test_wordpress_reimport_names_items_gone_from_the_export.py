"""A post or page an earlier import brought in that the new export lacks (deleted in WordPress) is listed
as skipped, "no longer in the export: kept here": the page stays, the owner decides."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.wordpress_export import export, item


def run(tmp_path, *items) -> str:
    path = tmp_path / "export.xml"
    path.write_text(export(*items))
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_post_deleted_in_wordpress_is_listed_and_kept(tmp_path):
    run(tmp_path, item(1, "one"), item(2, "two"))
    summary = run(tmp_path, item(1, "one"))
    assert "article “Post 2”: no longer in the export: kept here" in summary
    assert "Post 1”: no longer" not in summary
    assert Article.objects.filter(slug="two").exists()


@pytest.mark.django_db
def test_full_export_again_lists_nothing_gone(tmp_path):
    run(tmp_path, item(1, "one"), item(2, "two"))
    assert "no longer in the export" not in run(tmp_path, item(1, "one"), item(2, "two"))
