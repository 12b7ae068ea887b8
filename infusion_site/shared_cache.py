"""The cache every worker shares (files, or Redis); trouble with it is logged, never a reader's problem.

Django's cache backends raise whatever the file system or the Redis client says. A CACHE_DIR
the service cannot write (wrong owner, read-only mount, full disk) made every page a 500, and a
folder that turned read-only after warm-up made every comment post one; so did a Redis server
that stopped answering. Here a failed read is a miss and a failed write is skipped, and both
are logged (at most once a minute per worker): pages are rendered uncached, and /healthz answers
503 because what it writes does not come back.

incr() is the exception: it counts (the comment flood limit), and a count that was not stored
must not pass for one. It raises ValueError, Django's way of saying "not counted".

The Redis backend is in infusion_site/redis_cache.py: the Redis client costs each worker about
5 MB, which a site on the file cache need not load.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)
LOG_INTERVAL_SECONDS = 60


def _logged(name: str, fallback):
    """The backend's method `name`, where a failure is logged and answered with `fallback(*its arguments)`."""

    def method(self, *args, **kwargs):
        try:
            return getattr(super(CacheTroubleLogged, self), name)(*args, **kwargs)
        except self.failures as error:
            self._log(error)
            return fallback(*args, **kwargs)

    method.__name__ = method.__qualname__ = name
    return method


def _nothing(*args, **kwargs) -> None:
    return None


def _false(*args, **kwargs) -> bool:
    return False


class CacheTroubleLogged:
    """Mixed into a cache backend: `failures` raised by a read or a write are logged, not raised.

    A failed read is a miss, a failed write is skipped (False where Django answers whether it
    stored something).
    """

    failures: tuple[type[Exception], ...] = ()
    _last_logged = 0.0

    get = _logged("get", lambda key, default=None, version=None: default)
    get_many = _logged("get_many", lambda *args, **kwargs: {})
    has_key = _logged("has_key", _false)
    set = _logged("set", _nothing)
    set_many = _logged("set_many", lambda data, *args, **kwargs: list(data))  # the keys that were not stored
    add = _logged("add", _false)
    touch = _logged("touch", _false)
    delete = _logged("delete", _false)
    delete_many = _logged("delete_many", _nothing)
    clear = _logged("clear", _nothing)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except self.failures as error:
            self._log(error)
            raise ValueError(f"Key '{key}' could not be counted: the shared cache is not usable") from error

    def _log(self, error: Exception) -> None:
        now = time.monotonic()
        if now - CacheTroubleLogged._last_logged >= LOG_INTERVAL_SECONDS:
            CacheTroubleLogged._last_logged = now
            logger.error(
                "The shared cache (%s) cannot be used (%s): pages are served uncached, comments refused.",
                self.where,
                error,
            )


class SharedFileCache(CacheTroubleLogged, FileBasedCache):
    failures = (OSError,)

    def __init__(self, dir, params):
        self.where = dir
        try:
            super().__init__(dir, params)  # creates the folder
        except OSError as error:
            self._log(error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's file cache adds through self.set(), which would hide a failed write behind "added".
        if self.has_key(key, version):
            return False
        try:
            FileBasedCache.set(self, key, value, timeout, version)
        except OSError as error:
            self._log(error)
            return False
        return True

    def incr(self, key, delta=1, version=None):
        # Django counts through self.get() and self.set(): both must fail loudly here.
        try:
            value = FileBasedCache.get(self, key, version=version)
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            FileBasedCache.set(self, key, value + delta, version=version)
        except OSError as error:
            self._log(error)
            raise ValueError(f"Key '{key}' could not be counted: the shared cache is not usable") from error
        return value + delta
