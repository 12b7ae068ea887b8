"""Settings for infusion-site, read from the environment.

Defaults run the site locally with nothing to set up: SQLite in the project folder,
a file cache in var/cache, e-mail printed to the console. Debug mode is off unless
DJANGO_DEBUG says otherwise (`make run` turns it on); with debug off the site refuses
to start without DJANGO_SECRET_KEY, so production can never run on a known key.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development (as `make run` does)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# The site's public address: scheme, host and port, no path (https://guide.example.org). Every
# absolute link (mails, the admin's "View on site") starts with it, and the Sites row takes its
# host (infusion_site.site_address). Default: the first of ALLOWED_HOSTS, https (http in debug).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/") or (
    f"{'http' if DEBUG else 'https'}://{(ALLOWED_HOSTS or ['localhost'])[0].lstrip('.')}"
)
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or _site.hostname in {None, "*"} or (_site.path, _site.query) != ("", ""):
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's address, like https://guide.example.org (no path), not {SITE_URL!r}."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",  # the template of /sitemap.xml (articles.sitemaps)
    "django.contrib.staticfiles",
    "axes",
    "markdownx",
    "solo",
    "imagekit",
    "reversion",
    "reversion_compare",
    "articles",
    "comments",
    # Keeps the Sites row on SITE_URL; says at startup what production is missing.
    "infusion_site.apps.InfusionSiteConfig",
]

SITE_ID = 1

MIDDLEWARE = [
    "infusion_site.head_requests.head_without_body",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "infusion_site.csp.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "infusion_site.form_encoding.refuse_non_utf8_forms",  # before anything reads request.POST
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Imported WordPress permalinks (/2026/10/01/slug/, /?p=123): a 301 where the site has nothing.
    "articles.wordpress_addresses.redirect_wordpress_addresses",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "infusion_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site_name",
                "articles.context_processors.footer_pages",
            ],
        },
    },
]

WSGI_APPLICATION = "infusion_site.wsgi.application"

# DATABASE_URL selects the database (postgres://user:pass@host:5432/name for PostgreSQL);
# without it, SQLite in the project folder (or at SQLITE_PATH).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{os.environ.get('SQLITE_PATH', BASE_DIR / 'db.sqlite3')}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write to one file: WAL lets readers go on during a write, the
    # timeout waits for the lock instead of failing, and IMMEDIATE takes the write lock at the
    # start of a transaction, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Two caches. "default" is shared by every worker: the versions that retire cached pages, the
# comment flood counters, the discussion settings and the site name. REDIS_URL
# (redis://127.0.0.1:6379/0) puts it, and the sessions, in Redis. Without Redis it is kept in
# files under CACHE_DIR, which every process on the machine reads: the workers, and in debug
# mode `runserver` and whatever runs beside it (`load_guide --reset`, `manage.py shell`), whose
# edits then show at once. "pages" holds rendered HTML under keys that carry those versions, so each
# worker keeps it in its own memory: an edit changes the version, and no worker serves the old
# page again.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGES_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))},
}
# The shared cache's backends log a folder or a Redis they cannot use instead of answering 500
# (infusion_site/shared_cache.py): readers get pages, rendered without the cache.
if REDIS_URL:
    # Timeouts: a Redis that stops answering costs a request a second, not a worker's timeout.
    REDIS = {"LOCATION": REDIS_URL, "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    CACHES = {
        "default": {"BACKEND": "infusion_site.redis_cache.SharedRedisCache", **REDIS},
        # Sessions, in the same Redis through Django's own backend: a session that cannot be
        # stored must fail (the admin's login answers 500), not be retried thousands of times as a
        # key clash, which is what a backend that forgives failed writes would make Django do.
        "sessions": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **REDIS},
        "pages": PAGES_CACHE,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "infusion_site.shared_cache.SharedFileCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # Above this, Django deletes a random third of the files (versions among them).
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "pages": PAGES_CACHE,
    }

# Mail. EMAIL_URL names the server in one value (smtp://user:password@mail.internal:25,
# submission://user:password@mail.internal for port 587 with STARTTLS, ?ssl=1, ?timeout=10); without
# it, Django's own EMAIL_* variables. With neither, mail is printed to the console: right locally;
# with debug off the site says at startup and in `manage.py check` that nobody receives it
# (infusion_site.checks).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
_mail = dj_email_url.parse(EMAIL_URL) if EMAIL_URL else {}
EMAIL_HOST = _mail.get("EMAIL_HOST") or os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _mail.get("EMAIL_PORT") or int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = _mail.get("EMAIL_HOST_USER") or os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _mail.get("EMAIL_HOST_PASSWORD") or os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _mail["EMAIL_USE_TLS"] if _mail else env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _mail["EMAIL_USE_SSL"] if _mail else env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _mail.get("EMAIL_TIMEOUT") or int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = (
    _mail.get("EMAIL_BACKEND")
    or os.environ.get("EMAIL_BACKEND")
    or "django.core.mail.backends." + ("smtp" if os.environ.get("EMAIL_HOST") else "console") + ".EmailBackend"
)
# The sender of the site's mail, and of error mail to ADMINS.
DEFAULT_FROM_EMAIL = (
    _mail.get("DEFAULT_FROM_EMAIL") or os.environ.get("DEFAULT_FROM_EMAIL") or f"noreply@{_site.hostname}"
)
SERVER_EMAIL = _mail.get("SERVER_EMAIL") or os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
# Dates read "1 December 2026, 14:05" on every page and in the admin (infusion_site/formats/en/formats.py).
FORMAT_MODULE_PATH = ["infusion_site.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Outside debug, whitenoise serves collected files compressed, with hashed names cached for a year.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-markdownx. The package reads these once, at import time. Its own views are
# not mounted: articles/editor_views.py serves these two paths to staff only, and the
# preview goes through the same sanitizing pipeline as the saved page.
MARKDOWNX_URLS_PATH = "/editor/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/editor/upload/"
MARKDOWNX_MARKDOWNIFY_FUNCTION = "articles.markdown.render_article_markdown"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")
MARKDOWNX_UPLOAD_MAX_SIZE = int(os.environ.get("EDITOR_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))
# Longest side, in pixels, that an uploaded image is stored at; larger ones are scaled down.
EDITOR_IMAGE_MAX_SIDE = 2000

# Comments. The flood limit counts posts per client IP in the cache (shared between
# workers once the cache is Redis); "off" disables it.
COMMENTS_RATE_LIMIT = os.environ.get("COMMENTS_RATE_LIMIT", "5/m")
# Requests for a copy or the erasure of one's comments ("Your comments"), counted the same way,
# per client IP and per address apart: each mails a link, so a low rate keeps the page from
# being used to fill someone's mailbox.
PERSONAL_DATA_RATE_LIMIT = os.environ.get("PERSONAL_DATA_RATE_LIMIT", "5/h")
# When the shared cache cannot count, django-ratelimit's get_usage() answers None instead of
# pretending the client was too fast; the comment view then refuses with a 503 (never a guess).
# So leave RATELIMIT_ENABLE alone (it would read as "cannot count"): "off" above is the switch.
RATELIMIT_FAIL_OPEN = True
# How many proxies in front of the site append to X-Forwarded-For (nginx: 1). With 0 the
# header is ignored: a client can write anything there.
COMMENTS_TRUSTED_PROXIES = int(os.environ.get("COMMENTS_TRUSTED_PROXIES", "0"))

# Admin login lockout (django-axes). Failures are counted in the database, so every worker and
# machine sees them, per user name and client IP together (so nobody can lock an admin out from
# elsewhere). A locked-out login waits AXES_COOLOFF_TIME, counted again from each refused try; an
# admin unlocks sooner under Axes -> Access attempts, or with `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# One rule decides a client's IP for comments and logins alike (COMMENTS_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "comments.request_origin.client_ip"
AXES_LOCKOUT_CALLABLE = "infusion_site.login_lockout.lockout_response"
# django-solo caches the discussion settings, so reading them costs no query per page.
SOLO_CACHE = "default"

# Image renditions are made once, when the image is saved, never while serving a page.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# Security. Production defaults are strict; `make serve` relaxes the TLS ones for plain
# http on 127.0.0.1 (see the README's "Deploying").
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# Preloading is a commitment the owner makes by submitting the domain to browsers' lists
# (DJANGO_HSTS_PRELOAD=1 then); it is not a default a deployment check should force.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (nginx in the README):
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "infusion_site.error_views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "infusion_site.log_format.OneLineFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "one_line"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # django-axes announces its configuration at every start; its lockouts are warnings.
        "axes.apps": {"level": "WARNING"},
    },
}
