"""What a worker loads: nothing its settings do not use (each library costs every worker its memory)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SERVE_FROM_THE_FILE_CACHE = """
import sys, django
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
get_wsgi_application()
caches["default"].set("worker-memory-test", 1)
print(caches["default"].get("worker-memory-test"), "redis" in sys.modules)
"""


def test_a_site_on_the_file_cache_never_loads_the_redis_client(tmp_path):
    env = {name: value for name, value in os.environ.items() if name not in ("REDIS_URL", "DATABASE_URL")}
    env |= {"DJANGO_SETTINGS_MODULE": "infusion_site.settings", "DJANGO_SECRET_KEY": "k" * 50}
    env |= {"CACHE_DIR": str(tmp_path / "cache"), "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    result = subprocess.run(
        [sys.executable, "-c", SERVE_FROM_THE_FILE_CACHE], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["1", "False"]  # stored and read back; no Redis client
