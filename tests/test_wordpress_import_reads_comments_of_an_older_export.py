"""A WXR 1.0 or 1.1 export names its elements in its own namespace: its comments are imported as a
1.2 export's are, never skipped in silence."""

from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.wordpress_export import FIXTURE


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_comments_of_an_older_export_are_imported(tmp_path, version):
    older = tmp_path / "export.xml"
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("http://wordpress.org/export/1.2/", f"http://wordpress.org/export/{version}/")
    older.write_text(text.replace("<wp:wxr_version>1.2<", f"<wp:wxr_version>{version}<"), encoding="utf-8")
    call_command("import_wordpress", str(older), stdout=StringIO())
    older_count = Comment.objects.count()
    Comment.objects.all().delete()
    call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
    assert older_count == Comment.objects.count() > 0
