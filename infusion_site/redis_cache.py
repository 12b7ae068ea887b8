"""The shared cache in Redis, forgiving as infusion_site/shared_cache.py describes.

A module of its own: importing the Redis client costs each worker about 5 MB, loaded only by
a site whose settings name this backend (REDIS_URL).
"""

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .shared_cache import CacheTroubleLogged


class SharedRedisCache(CacheTroubleLogged, RedisCache):
    failures = (RedisError,)
    where = "Redis"  # not the address: it may carry a password (the client's error names the host)
