"""/healthz: is this worker able to serve? Checks the database and the cache, answers fast."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {name: "ok" if ok else "failing" for name, ok in checks.items()}
    return JsonResponse({"status": "ok" if healthy else "failing", **body}, status=200 if healthy else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any database failure makes this worker unhealthy, never a 500
        logger.exception("Health check: the database does not answer.")
        return False


def _cache_ok() -> bool:
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, value, timeout=5)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # the cache backend's errors vary (Redis, memcached): all mean unhealthy
        logger.exception("Health check: the cache does not answer.")
        return False
