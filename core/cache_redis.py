"""Django's redis cache, with one redis client per connection pool instead of one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation, and
building one (its table of response callbacks) costs more than the round trip to a local redis.
A signed-in page does about eight operations (session, versions, kept answers): the profile of
the load benchmark showed about a millisecond a page spent making clients. A `redis.Redis` holds
nothing but its pool and is safe to share, so each pool gets one for the life of the process."""

from django.core.cache.backends.redis import RedisCache as RedisCacheDjango
from django.core.cache.backends.redis import RedisCacheClient


class _KlienPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._klien: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        indeks = self._get_connection_pool_index(write)
        klien = self._klien.get(indeks)
        if klien is None:
            # _get_connection_pool picks its own index: with one server (or when writing) it
            # is always 0, the one asked for here; with replicas it picks a random reader, and
            # a reader's client is kept under whichever index it came for.
            klien = self._client(connection_pool=self._get_connection_pool(write))
            self._klien[indeks] = klien
        return klien


class RedisCache(RedisCacheDjango):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _KlienPerPool
