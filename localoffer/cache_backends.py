"""Django's Redis cache, answering like an empty cache while Redis cannot be reached.

Everything kept in Redis (public pages, API answers, rate-limit counts) can be made
again from the database, so a Redis restart or outage slows the site instead of
stopping it: reads miss, writes are dropped, and rate limits let requests through
(django-ratelimit counts a refused ``add`` as a first request). The failure is logged,
at most once a minute per process. Short socket timeouts (the ``OPTIONS`` in
``localoffer.settings.base.cache_config``) keep a Redis that hangs from holding requests.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# Seconds between two log lines about the same outage, per process.
_WARN_EVERY = 60.0
_last_warning = 0.0


def _unreachable(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= _WARN_EVERY:
        _last_warning = now
        logger.warning("Redis cache unreachable, serving without it: %s", error)


class _ForgivingClient(RedisCacheClient):
    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        try:
            return super().add(key, value, timeout)
        except _UNREACHABLE as error:
            _unreachable(error)
            return True

    def get(self, key: Any, default: Any) -> Any:
        try:
            return super().get(key, default)
        except _UNREACHABLE as error:
            _unreachable(error)
            return default

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        try:
            super().set(key, value, timeout)
        except _UNREACHABLE as error:
            _unreachable(error)

    def touch(self, key: Any, timeout: Any) -> bool:
        try:
            return super().touch(key, timeout)
        except _UNREACHABLE as error:
            _unreachable(error)
            return False

    def delete(self, key: Any) -> bool:
        try:
            return super().delete(key)
        except _UNREACHABLE as error:
            _unreachable(error)
            return False

    def get_many(self, keys: Any) -> dict[Any, Any]:
        try:
            return super().get_many(keys)
        except _UNREACHABLE as error:
            _unreachable(error)
            return {}

    def has_key(self, key: Any) -> bool:
        try:
            return super().has_key(key)
        except _UNREACHABLE as error:
            _unreachable(error)
            return False

    def incr(self, key: Any, delta: int) -> int:
        try:
            return super().incr(key, delta)
        except _UNREACHABLE as error:
            _unreachable(error)
            # What Django raises for a key it does not have.
            raise ValueError(f"Key {key!r} not found (Redis unreachable)") from error

    def set_many(self, data: Any, timeout: Any) -> None:
        try:
            super().set_many(data, timeout)
        except _UNREACHABLE as error:
            _unreachable(error)

    def delete_many(self, keys: Any) -> None:
        try:
            super().delete_many(keys)
        except _UNREACHABLE as error:
            _unreachable(error)

    def clear(self) -> bool:
        try:
            return super().clear()
        except _UNREACHABLE as error:
            _unreachable(error)
            return False


class ForgivingRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that survives a Redis outage."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ForgivingClient
