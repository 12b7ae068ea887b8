"""The real settings, with a throw-away secret key so the suite runs with no environment set."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
# Tests that are about the flood limit or the minimum fill time turn them on themselves.
os.environ.setdefault("COMMENTS_RATE_LIMIT", "off")
os.environ.setdefault("COMMENTS_MIN_FILL_SECONDS", "0")

from infusion_site.settings import *  # noqa: F403

# Fast password hashing: the suite creates many users; security of test passwords is moot.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
