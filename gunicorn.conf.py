"""gunicorn settings for `make serve` and production. WEB_CONCURRENCY overrides the worker count."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Load Django once in the master: a worker starts as a fork, in milliseconds, sharing the
# loaded code. New code therefore needs a restart (systemctl restart), not a HUP.
preload_app = True
# Recycle workers now and then so a slow leak cannot grow without bound. Not too often: a new
# worker starts with an empty page cache (measured: at 5,000 a busy worker recycled every few
# seconds, and the cached page lost a third of its throughput to the restarts).
max_requests = 50000
max_requests_jitter = 5000
timeout = 30
accesslog = "-"
errorlog = "-"
# gunicorn takes SCRIPT_NAME and PATH_INFO headers from any address in forwarded_allow_ips
# (127.0.0.1 by default) as where the site is mounted: one request could then cache the shared
# page with every link and the comment form under a path that does not exist. The site is
# served at the root; a deployment under a prefix sets the SCRIPT_NAME environment variable.
forwarder_headers = ""
# Headers with underscores cannot be told apart from their hyphenated twins: drop them (the default).
header_map = "drop"
