"""Django's Redis cache, answering like an empty cache while Redis cannot be reached.

Everything kept in Redis (public pages, API answers, rate-limit counts) can be made
again from the database, so a Redis restart or outage slows the site instead of
stopping it: reads miss, writes are dropped, and rate limits let requests through
(django-ratelimit counts a refused ``add`` as a first request). The failure is logged,
at most once a minute per process. Short socket timeouts (the ``OPTIONS`` in
``localoffer.settings.base.cache_config``) keep a Redis that hangs from holding requests.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, NoReturn

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


def _key_not_found(key: Any, error: Exception) -> NoReturn:
    # What Django raises from ``incr`` for a key it does not have.
    raise ValueError(f"Key {key!r} not found (Redis unreachable)") from error


# What each client method answers while Redis cannot be reached: reads miss, writes are
# dropped, ``add`` succeeds (a rate limit's first request), ``incr`` finds no key.
_WHEN_UNREACHABLE: dict[str, Callable[[tuple[Any, ...], Exception], Any]] = {
    "add": lambda args, error: True,
    "get": lambda args, error: args[1],  # the caller's default
    "set": lambda args, error: None,
    "touch": lambda args, error: False,
    "delete": lambda args, error: False,
    "get_many": lambda args, error: {},
    "has_key": lambda args, error: False,
    "incr": lambda args, error: _key_not_found(args[0], error),
    "set_many": lambda args, error: None,
    "delete_many": lambda args, error: None,
    "clear": lambda args, error: False,
}


def _forgiving(name: str) -> Callable[..., Any]:
    method = getattr(RedisCacheClient, name)
    answer = _WHEN_UNREACHABLE[name]

    @functools.wraps(method)
    def forgiving(self: RedisCacheClient, *args: Any) -> Any:
        try:
            return method(self, *args)
        except _UNREACHABLE as error:
            _unreachable(error)
            return answer(args, error)

    return forgiving


_ForgivingClient = type(
    "_ForgivingClient",
    (RedisCacheClient,),
    {name: _forgiving(name) for name in _WHEN_UNREACHABLE},
)


class ForgivingRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that survives a Redis outage."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ForgivingClient
