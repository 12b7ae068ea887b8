"""The real settings, with a throw-away secret key so the suite runs with no environment set."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
# Tests that are about the flood limit turn it on themselves.
os.environ.setdefault("COMMENTS_RATE_LIMIT", "off")
# The test client and the live server speak plain http.
os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")

from infusion_site.settings import *  # noqa: F403

# Fast password hashing: the suite creates many users; security of test passwords is moot.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite reads static files through the finders; the hashed manifest needs collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# One process: the shared cache can live in memory (the PostgreSQL pass uses Redis, REDIS_URL).
if not REDIS_URL:  # noqa: F405
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Whitenoise reads files through the finders, without a collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Mail stays in memory (pytest-django does the same); the SMTP tests point it at a real server.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
