"""Public pages for anonymous visitors, kept on the server until the data changes.

A parent's GET of a public page (the home page, the directory with its words and
filters, a school's report) is answered from Django's cache (``CACHES['public-pages']``)
when the same address was asked since the data last changed: the key carries
``localoffer.data_version.data_version()``, which every server process moves when a page
is published, unpublished, moved or deleted, a vocabulary or the council's settings
change, an import writes, or the search index catches up after an outage.

Only what anyone may see is kept:

* requests without a session or messages cookie: never an editor, never a preview,
  never a page unlocked with its password;
* 200 HTML answers that set no cookie of their own, touch no session, and are not
  marked private. The CSRF token in every public page's feedback form is kept as a
  placeholder and each visitor gets a token of their own (and its cookie, from
  ``CsrfViewMiddleware``, which stands outside this middleware), never someone else's;
* nothing under ``LOCALOFFER_UNCACHED_PAGE_PREFIXES`` (the admin, sign-in, feedback,
  moderation, documents; the JSON APIs have their own cache in ``public_api``).

Kept answers carry a weak ``ETag`` (the body differs only by the visitor's token) and
``Cache-Control: public, max-age=LOCALOFFER_PAGE_MAX_AGE``
(0 by default: a browser or proxy asks again every time, and gets a bodiless 304 when
nothing changed, so nobody is shown a report older than its last publication). With a
CDN told to purge changed pages (``localoffer.frontend_cache``), addresses without a
query also carry ``s-maxage=LOCALOFFER_PAGE_SHARED_MAX_AGE``.

A HEAD gets the headers the same GET would get (from the cache or not) and no body.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control

from search.directory import filters_as_sets

from .data_version import request_data_version

CACHE_ALIAS = "public-pages"
# A larger page is served but not kept.
MAX_CACHED_BYTES = 1024 * 1024
# Django's messages framework keeps a visitor's messages in this cookie.
MESSAGES_COOKIE = "messages"
_NOT_SHARED = ("private", "no-store", "no-cache")
# What {% csrf_token %} writes; the value is the visitor's own (masked) token.
_TOKEN_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PLACEHOLDER = b"__localoffer_csrf_token__"


def _etag(content: bytes) -> str:
    return 'W/"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _without_token(content: bytes) -> bytes:
    return _TOKEN_INPUT.sub(rb"\1" + _PLACEHOLDER + rb"\2", content)


def _with_token(content: bytes, request: HttpRequest) -> bytes:
    if _PLACEHOLDER not in content:
        return content
    # get_token also has CsrfViewMiddleware send this visitor's cookie with the page.
    return content.replace(_PLACEHOLDER, get_token(request).encode())


def may_be_cached(request: HttpRequest) -> bool:
    """Whether ``request`` is an anonymous visitor's read of a public address (and
    pages are kept at all: ``LOCALOFFER_PAGE_CACHE_SECONDS`` is not 0)."""
    if not settings.LOCALOFFER_PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    return not request.path_info.startswith(tuple(settings.LOCALOFFER_UNCACHED_PAGE_PREFIXES))


def _keepable(request: HttpRequest, response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not (session is not None and session.modified)
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not any(word in cache_control for word in _NOT_SHARED)
    )


def _page(content: bytes, headers: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    return response


def _as_asked(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """``response`` without its body when ``request`` is a HEAD, with the headers a GET
    gets, its Content-Length included. Django's WSGI handler sends whatever body a view
    made (only its test client drops it), and gunicorn warns of every HEAD that has one.
    """
    if request.method != "HEAD" or response.streaming:
        return response
    content = response.content  # type: ignore[attr-defined]
    if content:
        response["Content-Length"] = str(len(content))
        response.content = b""  # type: ignore[attr-defined]
    return response


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache while the data is unchanged.

    Placed after the session and CSRF middleware (they add the visitor's own cookies to
    what it answers) and before everything that could set a cookie of its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not may_be_cached(request):
            return _as_asked(request, self.get_response(request))
        key = self._cache_key(request)
        stored = caches[CACHE_ALIAS].get(key)
        if stored is not None:
            packed, headers = stored
            # An unchanged page the visitor already has: a 304, without unpacking it.
            shell = _page(b"", headers)
            not_modified = get_conditional_response(request, etag=shell["ETag"], response=shell)
            if not_modified is not shell:
                return not_modified
            # A HEAD too: its Content-Length is the page's with this visitor's token.
            page = _page(_with_token(zlib.decompress(packed), request), headers)
            return _as_asked(request, page)
        response = self.get_response(request)
        if not _keepable(request, response):
            return _as_asked(request, response)
        kept = _without_token(response.content)  # type: ignore[attr-defined]
        response["ETag"] = _etag(kept)
        patch_cache_control(response, public=True, max_age=settings.LOCALOFFER_PAGE_MAX_AGE)
        if settings.LOCALOFFER_PAGE_SHARED_MAX_AGE and not request.GET:
            # A CDN told to purge this address when it changes may keep it this long.
            patch_cache_control(response, s_maxage=settings.LOCALOFFER_PAGE_SHARED_MAX_AGE)
        packed = zlib.compress(kept, 3)
        # A HEAD's answer gets a GET's headers (ETag included) but is not kept: only what a
        # GET made is served to GETs.
        if request.method == "GET" and len(packed) <= MAX_CACHED_BYTES:
            caches[CACHE_ALIAS].set(
                key, (packed, list(response.items())), settings.LOCALOFFER_PAGE_CACHE_SECONDS
            )
        answer = get_conditional_response(request, etag=response["ETag"], response=response)
        return _as_asked(request, answer)

    @staticmethod
    def _cache_key(request: HttpRequest) -> str:
        query = filters_as_sets(request.GET)
        raw = f"{request.get_host()}|{request.path_info}?{query!r}|{request_data_version(request)}"
        return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()
