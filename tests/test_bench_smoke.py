"""`make bench` runs: a quick pass of every measurement, against real gunicorn servers."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.run import NGINX, PAGE_RUNS
from tests.conftest import PROJECT


def test_the_benchmark_runs_and_loses_no_comment(tmp_path):
    output = tmp_path / "results.json"
    # Its own throw-away SQLite, even in the PostgreSQL pass (whose database belongs to pytest).
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "--output", str(output)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    results = json.loads(output.read_text())
    for run in ("floor", *PAGE_RUNS):
        assert results[run]["requests"] > 0
    for run in ("floor", "floor_page_bytes"):
        assert results[run]["statuses"] == {"200": results[run]["requests"]}
    posting = results["posting"]
    assert posting["accepted"] == posting["in_database"] == posting["posts"]
    assert "x floor" in result.stdout
    assert results["queries_per_page_view"]["shared_page"] == 0
    if Path(NGINX).exists():  # the page through nginx's micro-cache, and as a file nginx serves
        for run in ("nginx_micro_cache", "nginx_file"):
            assert results[run]["statuses"] == {"200": results[run]["requests"]}
        assert "x the file" in result.stdout
