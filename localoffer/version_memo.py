"""What Wagtail looks up for a public page, kept in this process while the data is unchanged.

Before it gets to what a visitor asked, every page request asks the database the same
things: which site (one query), the route to the page (three, ``schools.routing``), the
view restrictions on it and its ancestors (one), the council's settings for the header and
footer (one) and, on the directory, the vocabularies (one). None of it depends on the
query string or on the visitor. For anonymous visitors it is kept in this process's memory
under the data version (``localoffer.data_version``) read *before* anything else, and
handed to Wagtail where it keeps them for the rest of a request
(``request._wagtail_site``, ``request._wagtail_route_for_request``, each setting's
attribute on the request) and to the vocabulary (``search.vocabulary.unchanged_since``).
A directory request then costs the version query and the search, not eight queries.
The directory's JSON API (``LOCALOFFER_VERSION_MEMO_API_PREFIXES``) is served by no
page: for it only the site, per host and port, and the vocabulary are kept, on the same
terms.

Why it never shows anything stale or private:

* the version moves for every process once a change to pages, sites, view restrictions,
  settings or vocabularies commits (it is one database row), and a kept entry is used
  only under the exact version it was read under; it was read after the version, so it
  is never older than it;
* only anonymous visitors' GET and HEAD (no session or messages cookie, as for the public
  page cache): never an editor, a preview or a page unlocked with its password. The view
  restrictions kept are still checked against each request by Wagtail;
* only pages Wagtail served with a 200 through a plain route (no sub-page arguments);
* each request gets its own shallow copies of the kept page, site and settings, taken
  before Wagtail served anything with them, so nothing one request sets on them reaches
  another;
* the search itself (results, counts, extracts) is never kept.
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase
from wagtail import views as wagtail_views
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from search.vocabulary import unchanged_since

from .data_version import request_data_version
from .page_cache import MESSAGES_COOKIE

# Addresses kept at once (each a page without its revisions: a few kilobytes); the
# oldest is dropped first.
MAX_ROUTES = 512
_lock = threading.Lock()
# (host, port, path) -> what was looked up for it.
_routes: dict[tuple[str, str, str], _Kept] = {}
# (host, port) -> (version, the site found for it): the JSON API's one Wagtail lookup.
_sites: dict[tuple[str, str], tuple[str, Site]] = {}
# Moves when everything kept is forgotten, so the vocabulary's copy is dropped too.
_generations = itertools.count()
_generation = next(_generations)


@dataclass(frozen=True)
class _Kept:
    version: str
    site: Site
    page: Page
    restrictions: tuple[PageViewRestriction, ...]
    settings: tuple[tuple[str, Model], ...]


def forget() -> None:
    """Drop everything kept (tests: their databases go back to earlier versions)."""
    global _generation
    with _lock:
        _routes.clear()
        _sites.clear()
        _generation = next(_generations)


def _anonymous(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _anonymous_read(request: HttpRequest) -> bool:
    return _anonymous(request) and not request.path_info.startswith(
        tuple(settings.LOCALOFFER_UNCACHED_PAGE_PREFIXES)
    )


def _keep(kept: dict[Any, Any], key: Any, value: Any) -> None:
    # Newest last, the oldest dropped beyond MAX_ROUTES; the caller holds the lock.
    kept.pop(key, None)
    kept[key] = value
    while len(kept) > MAX_ROUTES:
        del kept[next(iter(kept))]


def _anonymous_api_read(request: HttpRequest) -> bool:
    return _anonymous(request) and request.path_info.startswith(
        tuple(settings.LOCALOFFER_VERSION_MEMO_API_PREFIXES)
    )


def _api_response(
    request: HttpRequest, get_response: Callable[[HttpRequest], HttpResponseBase]
) -> HttpResponseBase:
    """The JSON API with the site and the vocabulary read under the same data version."""
    # First, before anything it keys is read: what is read after is never older.
    version = request_data_version(request)
    key = (request._get_raw_host(), str(request.get_port()))  # type: ignore[attr-defined]
    kept = _sites.get(key)
    reused = kept is not None and kept[0] == version
    if kept is not None and reused:
        # Wagtail's Site.find_for_request answers with what it finds here.
        request._wagtail_site = copy.copy(kept[1])  # type: ignore[attr-defined]
    with unchanged_since(f"{_generation}:{version}"):
        response = get_response(request)
    found = getattr(request, "_wagtail_site", None)
    if not reused and found is not None and response.status_code == 200:
        with _lock:
            _keep(_sites, key, (version, copy.copy(found)))
    return response


def _setting_attributes() -> list[str]:
    # The request attributes where Wagtail keeps each generic setting it loaded.
    return [
        model.get_cache_attr_name()
        for model in settings_registry
        if issubclass(model, BaseGenericSetting)
    ]


def _restrictions_known(restrictions: tuple[PageViewRestriction, ...]) -> Callable[[], Any]:
    def get_view_restrictions() -> tuple[PageViewRestriction, ...]:
        return restrictions

    return get_view_restrictions


@dataclass
class _Visit:
    version: str
    key: tuple[str, str, str] | None = None
    # What this request looked up itself, to keep once the page is served with a 200.
    found: _Kept | None = None


class VersionMemoMiddleware:
    """Hand Wagtail what it looked up for the same address under the same data version.

    Place it after ``PublicPageCacheMiddleware`` (a kept page needs none of this; both read
    the version once per request).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _anonymous_api_read(request):
            return _api_response(request, self.get_response)
        if not _anonymous_read(request):
            return self.get_response(request)
        # First, before anything it keys is read: what is read after is never older.
        version = request_data_version(request)
        visit = _Visit(version)
        request._localoffer_version_memo = visit  # type: ignore[attr-defined]
        with unchanged_since(f"{_generation}:{version}"):
            response = self.get_response(request)
        found = visit.found
        if found is not None and visit.key is not None and response.status_code == 200:
            loaded = tuple(
                (attribute, copy.copy(getattr(request, attribute)))
                for attribute in _setting_attributes()
                if hasattr(request, attribute)
            )
            with _lock:
                _keep(_routes, visit.key, replace(found, settings=loaded))
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        visit: _Visit | None = getattr(request, "_localoffer_version_memo", None)
        if visit is None or view_func is not wagtail_views.serve:
            return None
        raw_host = request._get_raw_host()  # type: ignore[attr-defined]
        key = visit.key = (raw_host, str(request.get_port()), request.path_info)
        kept = _routes.get(key)
        if kept is not None and kept.version == visit.version:
            page = copy.copy(kept.page)
            # Wagtail's check_view_restrictions hook asks the page; the answer is kept.
            page.get_view_restrictions = _restrictions_known(kept.restrictions)  # type: ignore[method-assign]
            request._wagtail_site = copy.copy(kept.site)  # type: ignore[attr-defined]
            request._wagtail_route_for_request = RouteResult(page)  # type: ignore[attr-defined]
            for attribute, setting in kept.settings:
                setattr(request, attribute, copy.copy(setting))
            return None
        # Wagtail's own lookups, which it then finds on the request; kept after a 200.
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        route = Page.route_for_request(request, path)
        site = getattr(request, "_wagtail_site", None)
        if route is not None and site is not None:
            page, args, kwargs = route
            if not args and not kwargs:
                # Copies taken before Wagtail serves the page with them.
                kept_page = copy.copy(page)
                restrictions = tuple(page.get_view_restrictions())
                # Wagtail's hook asks again: this request's page answers without a query.
                page.get_view_restrictions = _restrictions_known(restrictions)
                visit.found = _Kept(visit.version, copy.copy(site), kept_page, restrictions, ())
        return None
