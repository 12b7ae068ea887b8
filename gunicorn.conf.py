"""gunicorn settings for `make serve` and production. WEB_CONCURRENCY overrides the worker count."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
timeout = 30
accesslog = "-"
errorlog = "-"
