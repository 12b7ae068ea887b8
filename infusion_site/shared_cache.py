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


class CacheTroubleLogged:
    """Mixed into a cache backend: `failures` raised by a read or a write are logged, not raised."""

    failures: tuple[type[Exception], ...] = ()
    _last_logged = 0.0

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except self.failures as error:
            self._log(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except self.failures as error:
            self._log(error)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except self.failures as error:
            self._log(error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except self.failures as error:
            self._log(error)
            return list(data)  # the keys that were not stored

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except self.failures as error:
            self._log(error)
            return False

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except self.failures as error:
            self._log(error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except self.failures as error:
            self._log(error)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except self.failures as error:
            self._log(error)

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except self.failures as error:
            self._log(error)
            return False

    def clear(self):
        try:
            super().clear()
        except self.failures as error:
            self._log(error)

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
