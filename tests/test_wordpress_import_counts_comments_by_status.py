"""The summary's count of imported comments, too many to list, says how many arrived with each status."""

from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.wordpress_export import FIXTURE


@pytest.mark.django_db
def test_comment_count_is_split_by_status():
    out = StringIO()
    call_command("import_wordpress", str(FIXTURE), stdout=out)
    line = next(line for line in out.getvalue().splitlines() if "× comment" in line)
    counts = {label.lower(): Comment.objects.filter(status=status).count() for status, label in Comment.Status.choices}
    split = ", ".join(f"{n} {label}" for label, n in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])) if n)
    assert line.strip() == f"{Comment.objects.count()} × comment ({split})"
    assert "approved" in line and "1 pending" in line and "1 removed" in line
