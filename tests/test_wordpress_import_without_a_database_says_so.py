"""A database the import cannot open at all (SQLITE_PATH in a folder that does not exist) is named, with what
to check, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

from tests.wordpress_export import FIXTURE

REPOSITORY = Path(__file__).resolve().parents[1]


def test_database_that_cannot_be_opened_is_named(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment |= {
        "SQLITE_PATH": str(tmp_path / "no-such-folder" / "db.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(FIXTURE)],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "Cannot reach the database" in run.stderr and "Check DATABASE_URL or SQLITE_PATH" in run.stderr
    assert "Traceback" not in run.stderr
