"""A database the import cannot open at all (SQLITE_PATH in a folder that does not exist) is named, with what
to check, not a traceback."""

from tests.wordpress_export import import_in_a_process


def test_database_that_cannot_be_opened_is_named(tmp_path):
    run = import_in_a_process(tmp_path / "no-such-folder" / "db.sqlite3")
    assert run.returncode != 0
    assert "Cannot reach the database" in run.stderr and "Check DATABASE_URL or SQLITE_PATH" in run.stderr
    assert "Traceback" not in run.stderr
