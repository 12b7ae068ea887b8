"""An owner who runs import_wordpress before migrating, or gives a folder or a path with no file, reads
what to do, not a traceback, and the command exits non-zero having written nothing."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import WordPressItem
from tests.wordpress_export import import_in_a_process


def test_unmigrated_database_asks_for_migrate_and_writes_nothing(tmp_path):
    database = tmp_path / "new.sqlite3"
    run = import_in_a_process(database)
    assert run.returncode != 0
    assert "The database is not ready" in run.stderr
    assert "Run `manage.py migrate` (or `make run` once) first" in run.stderr
    assert "Traceback" not in run.stderr and "OperationalError" not in run.stderr
    tables = sqlite3.connect(database).execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == []


def refusal(path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(path), stdout=StringIO())
    assert not WordPressItem.objects.exists()
    return str(refused.value)


@pytest.mark.django_db
def test_missing_file_is_said_to_be_missing(tmp_path):
    message = refusal(tmp_path / "export.xml")
    assert message.startswith(f"No file at {tmp_path / 'export.xml'}") and "Errno" not in message


@pytest.mark.django_db
def test_folder_is_said_to_be_a_folder(tmp_path):
    message = refusal(tmp_path)
    assert f"{tmp_path} is a folder, give the .xml file" in message and "Errno" not in message
