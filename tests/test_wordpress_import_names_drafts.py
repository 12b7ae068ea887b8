"""The summary says which created items are drafts: readers do not see them until an editor publishes."""

from io import StringIO

from django.core.management import call_command

from tests.wordpress_export import FIXTURE


def test_created_drafts_are_marked_as_drafts_in_the_summary(db):
    out = StringIO()
    call_command("import_wordpress", str(FIXTURE), stdout=out)
    summary = out.getvalue()
    assert "site page “Privacy Policy” (draft)" in summary  # the fixture's draft page
    assert "site page “Sample Page”\n" in summary  # a published one has no mark
