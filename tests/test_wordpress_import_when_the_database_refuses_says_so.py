"""A database error on a migrated database (SQLite's "database is locked" while another process
writes) stops the import with its message and "Nothing was written", not a traceback."""

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from articles.management.commands import import_wordpress
from tests.wordpress_export import FIXTURE


@pytest.mark.django_db
def test_a_locked_database_is_named_not_a_traceback(monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(import_wordpress, "import_export", locked)
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(FIXTURE))
    assert "database is locked" in str(refused.value) and "Nothing was written." in str(refused.value)
