"""The file cache every worker shares without Redis; trouble with its folder is logged, never a reader's problem.

Django's FileBasedCache raises whatever the file system says. A CACHE_DIR the service cannot
write (wrong owner, read-only mount, full disk) made every page a 500, and a folder that turned
read-only after warm-up made every comment post one. Here a failed read is a miss and a failed
write is skipped, and both are logged (at most once a minute per worker): pages are rendered
uncached, and /healthz answers 503 because what it writes does not come back.

incr() is the exception: it counts (the comment flood limit), and a count that was not stored
must not pass for one. It raises ValueError, Django's way of saying "not counted".
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)
LOG_INTERVAL_SECONDS = 60


class SharedFileCache(FileBasedCache):
    _last_logged = 0.0

    def __init__(self, dir, params):
        try:
            super().__init__(dir, params)  # creates the folder
        except OSError as error:
            self._log(error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except OSError as error:
            self._log(error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except OSError as error:
            self._log(error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Not super().add(): it calls self.set(), which would hide a failed write behind "added".
        try:
            if super().has_key(key, version):
                return False
            super().set(key, value, timeout, version)
            return True
        except OSError as error:
            self._log(error)
            return False

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except OSError as error:
            self._log(error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except OSError as error:
            self._log(error)
            return False

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except OSError as error:
            self._log(error)
            return False

    def clear(self):
        try:
            super().clear()
        except OSError as error:
            self._log(error)

    def incr(self, key, delta=1, version=None):
        try:
            value = super().get(key, version=version)
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            super().set(key, value + delta, version=version)
        except OSError as error:
            self._log(error)
            raise ValueError(f"Key '{key}' could not be counted: the cache folder is not usable") from error
        return value + delta

    def _log(self, error: OSError) -> None:
        now = time.monotonic()
        if now - SharedFileCache._last_logged >= LOG_INTERVAL_SECONDS:
            SharedFileCache._last_logged = now
            logger.error(
                "The shared cache folder %s cannot be used (%s): pages are served uncached, comments refused.",
                self._dir,
                error,
            )
