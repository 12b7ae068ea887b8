"""The production settings, plus a trivial view to measure the framework's floor against.

BENCH_NO_CACHE=1 swaps the cache for Django's dummy cache: the article page with nothing cached.
"""

import os

from infusion_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_NO_CACHE") == "1":
    DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    CACHES = {**CACHES, "default": DUMMY, "pages": DUMMY}  # noqa: F405 (sessions stay where they are)
