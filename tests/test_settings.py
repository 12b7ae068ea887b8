"""Settings come from the environment; production never runs on a known secret key."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def django_check(**env) -> subprocess.CompletedProcess:
    clean_env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean_env |= {"DJANGO_SETTINGS_MODULE": "infusion_site.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT, env=clean_env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = django_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = django_check(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_debug_mode_runs_without_a_secret_key():
    result = django_check(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
