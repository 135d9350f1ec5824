"""What the public JSON APIs cost: a rate limit per address, HTTP caching, cached dumps.

Both APIs (``/api/v1/`` and ``/api/oruk/``) are open to anyone without a login, so one
middleware bounds what a visitor can make the server do:

* **A rate limit per client address** (django-ratelimit, keyed on the address
  ``localoffer.client_address.client_ip`` finds, which respects the trusted proxies):
  ``LOCALOFFER_API_RATES``, each counted on every request. Over a limit the answer is a
  JSON 429 naming the limit, with ``Retry-After``.
* **HTTP caching** of every successful answer: ``Cache-Control`` (``public``,
  ``LOCALOFFER_API_MAX_AGE`` seconds) and an ``ETag`` from the body, so a client that
  sends ``If-None-Match`` gets a bodiless 304 when nothing changed.
* **Answers cached on the server** (``LOCALOFFER_SERVER_CACHED_API_PREFIXES``: the
  directory's JSON answers and the Open Referral ones, whose full ``format=ndjson``
  dumps cost most) until the data changes: the cache key carries ``data_version()``
  (``localoffer.data_version``), which every server process moves on any change the
  public sees.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.utils.cache import get_conditional_response, patch_cache_control
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from search.directory import filters_as_sets

from .data_version import request_data_version

# Answers are kept compressed (JSON shrinks about ten times), in the cache alias that
# ``LOCALOFFER_SERVER_CACHED_API_PREFIXES`` names; a larger one than its alias takes is
# served but not kept, so the cache's memory stays bounded: a few Open Referral dumps,
# many small directory answers.
MAX_CACHED_BYTES = {"public-api": 8 * 1024 * 1024, "public-answers": 1024 * 1024}

# What a directory answer given by the database during an Elasticsearch outage carries
# (inside a JSON string every quote is escaped, so only the field itself matches).
_DEGRADED = b'"degraded":true'
_RATE = re.compile(r"^(?P<count>\d+)/(?P<multiplier>\d*)(?P<unit>[smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UNIT_WORDS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def rate_words(rate: str) -> tuple[str, int]:
    """A django-ratelimit rate ("120/m", "3000/h", "10/10m") in words, and its window in
    seconds (for ``Retry-After``)."""
    match = _RATE.match(rate)
    if match is None:
        raise ValueError(f"Not a rate: {rate!r}")
    count, multiplier = int(match["count"]), int(match["multiplier"] or 1)
    unit = _UNIT_WORDS[match["unit"]]
    period = f"{multiplier} {unit}s" if multiplier > 1 else f"a {unit}"
    return f"{count} requests {period}", multiplier * _SECONDS[match["unit"]]


def _too_many(rate: str) -> JsonResponse:
    words, window = rate_words(rate)
    response = JsonResponse(
        {
            "status": 429,
            "limit": rate,
            "message": (
                f"Too many requests from your address: this API allows {words} from one "
                "address. Wait and try again, and keep what you fetch: answers carry an "
                "ETag, so asking again with If-None-Match costs nothing when nothing changed."
            ),
        },
        status=429,
    )
    response["Retry-After"] = str(window)
    response["Cache-Control"] = "no-store"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _body(response: HttpResponseBase) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def _response(
    content: bytes, status: int, headers: list[tuple[str, str]], streaming: bool
) -> HttpResponseBase:
    """An answer with ``content``, streamed (in one piece) if the view streamed it."""
    response: HttpResponseBase = (
        StreamingHttpResponse([content], status=status)
        if streaming
        else HttpResponse(content, status=status)
    )
    for header, value in headers:
        response[header] = value
    return response


class PublicApiMiddleware:
    """Rate limit, HTTP caching and the server-side cache for the public JSON APIs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        path = request.path_info
        if not path.startswith(tuple(settings.LOCALOFFER_PUBLIC_API_PREFIXES)):
            return self.get_response(request)
        # Every rate counts every request, so a burst also uses up the longer allowance.
        exceeded = [
            rate
            for rate in settings.LOCALOFFER_API_RATES
            if is_ratelimited(
                request, group="public-api", key="ip", rate=rate, method=ALL, increment=True
            )
        ]
        if exceeded:
            return _too_many(exceeded[0])
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        alias = next(
            (
                alias
                for prefix, alias in settings.LOCALOFFER_SERVER_CACHED_API_PREFIXES.items()
                if path.startswith(prefix)
            ),
            None,
        )
        key = self._cache_key(request) if alias else None
        stored = caches[alias].get(key) if alias and key else None
        if stored is not None:
            packed, status, headers, streaming = stored
            # An unchanged answer the client already has: a 304, without unpacking it.
            shell = _response(b"", status, headers, streaming=False)
            not_modified = get_conditional_response(request, etag=shell["ETag"], response=shell)
            if not_modified is not shell:
                return not_modified
            response = _response(zlib.decompress(packed), status, headers, streaming)
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
            # A streamed dump is read once here: to hash it, and to keep it.
            content = _body(response)
            response = _response(content, 200, list(response.items()), response.streaming)
            response["ETag"] = _etag(content)
            patch_cache_control(response, public=True, max_age=settings.LOCALOFFER_API_MAX_AGE)
            # An answer from the database while Elasticsearch was down says so, and is
            # not kept: once it is back, the next answer must not say it still is.
            if _DEGRADED in content:
                alias = None
            packed = zlib.compress(content, 3) if alias else b""
            if alias and len(packed) <= MAX_CACHED_BYTES.get(alias, 1024 * 1024):
                stored = (packed, 200, list(response.items()), response.streaming)
                caches[alias].set(key, stored, settings.LOCALOFFER_API_CACHE_SECONDS)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    @staticmethod
    def _cache_key(request: HttpRequest) -> str:
        query = filters_as_sets(request.GET)
        accept = request.headers.get("Accept", "")
        # The host and scheme too: answers carry absolute links.
        raw = (
            f"{request.scheme}://{request.get_host()}{request.path_info}?{query!r}|{accept}|"
            f"{request_data_version(request)}"
        )
        return "public-api:" + hashlib.sha256(raw.encode()).hexdigest()
