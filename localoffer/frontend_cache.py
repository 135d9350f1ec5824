"""Telling the council's CDN or caching proxy to drop pages the moment they change.

For councils that put a CDN (Cloudflare, CloudFront) or a caching proxy (Varnish,
nginx) in front of the site and let it keep pages (``FRONTEND_CACHE_MAX_AGE``), the
purge requests of Wagtail's frontend cache (``wagtail.contrib.frontend_cache``'s
backends, configured from the environment in ``localoffer.settings``) are sent:

* for a page published or unpublished (deleting a live page unpublishes it first): its
  address, and for a school the pages that list schools (each site's home page and the
  directory's own address);
* for a moved page: its old and new addresses, and the listing pages;
* for a vocabulary or council settings change (or a term deleted), which shows on
  every page (filters, labels, the council's name): every live public page.

Purges are sent once the change is committed, after the site's own caches moved on
(``localoffer.data_version``), so a CDN that asks again at once gets the new page.
This is why Wagtail's own handlers (the app in ``INSTALLED_APPS``), which purge
before the commit, are not used.

The directory's addresses with a query (``?need=autism&distance=5``) cannot be purged
one by one (there is no end to them, and purging by prefix is not offered by every
CDN): they are never given a shared max-age, so a CDN asks the site each time and gets a
304 from the site's own cache when nothing changed (``localoffer.page_cache``).

Nothing happens unless ``WAGTAILFRONTENDCACHE`` names a backend.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from council.models import CouncilSettings
from schools.models import (
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    SchoolPage,
    SpecialistProvision,
)
from search.models import DirectoryPage

logger = logging.getLogger(__name__)
# Site-wide changes this thread made whose purge has not run yet.
_pending = threading.local()

# Renaming one of these, or changing the council's settings, changes every page.
SITE_WIDE_MODELS = (
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    SpecialistProvision,
    CouncilSettings,
)


class TimedHTTPBackend(HTTPBackend):
    """Wagtail's HTTP ``PURGE`` backend, giving up after ``LOCALOFFER_PURGE_TIMEOUT``
    seconds: Wagtail's own waits for ever, so a purge target that does not answer would
    hold the editor's request until the server killed it."""

    def purge(self, url: str) -> None:
        parsed = urlsplit(url)
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]
            ),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache (Local Offer)"},
        )
        try:
            # The scheme and address come from FRONTEND_CACHE_PURGE_URL, not a visitor.
            urlopen(request, timeout=settings.LOCALOFFER_PURGE_TIMEOUT).close()
        except HTTPError as error:
            logger.error("Could not purge %s from the cache: HTTP %s", url, error.code)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from the cache: %s", url, error)


def is_configured() -> bool:
    """Whether a frontend cache backend is configured (``WAGTAILFRONTENDCACHE``)."""
    return bool(get_backends())


def listing_pages() -> list[Page]:
    """The pages that list schools: each site's home page and the live directories."""
    homes = Page.objects.filter(pk__in=Site.objects.values("root_page"), live=True).specific()
    return [*homes, *DirectoryPage.objects.live().public()]


def _site_url(url_path: str) -> str | None:
    """The full address of the page at tree ``url_path`` (as it was, for a moved page)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return root.root_url + "/" + url_path[len(root.root_path) :]
    return None


def _purge_after_commit(batch: PurgeBatch) -> None:
    # The addresses are worked out now (an unpublished or deleted page still has its
    # own); the purge waits for the commit.
    transaction.on_commit(batch.purge)


def purge_page(page: Page) -> None:
    """Purge ``page``'s addresses, and the listing pages if it is a school."""
    if not is_configured():
        return
    batch = PurgeBatch()
    batch.add_page(page)
    if isinstance(page.specific_deferred, SchoolPage):
        batch.add_pages(listing_pages())
    _purge_after_commit(batch)


def purge_every_page() -> None:
    """Purge every live public page (a change that shows on all of them), once the
    transaction commits: once however many such changes it holds (an import saving
    every vocabulary term)."""
    if not is_configured():
        return
    _pending.every = getattr(_pending, "every", 0) + 1
    transaction.on_commit(_purge_every_page_now)


def _purge_every_page_now() -> None:
    # The first callback after a commit purges for all; a change in a rolled-back
    # savepoint leaves a count that the next commit clears.
    if not getattr(_pending, "every", 0):
        return
    _pending.every = 0
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific(defer=True))
    batch.purge()


def _page_changed(sender: type, instance: Page, **kwargs: Any) -> None:
    purge_page(instance)


def _page_moved(
    sender: type, instance: Page, url_path_before: str, url_path_after: str, **kwargs: Any
) -> None:
    if url_path_before == url_path_after or not instance.live or not is_configured():
        return
    batch = PurgeBatch()
    batch.add_page(instance)
    old_url = _site_url(url_path_before)
    if old_url:
        batch.add_url(old_url)
    batch.add_pages(listing_pages())
    _purge_after_commit(batch)


def _site_wide_change(sender: type, **kwargs: Any) -> None:
    purge_every_page()


def connect_signals() -> None:
    """Purge on every change the public sees (called from the app's ``ready``)."""
    page_published.connect(_page_changed, dispatch_uid="localoffer.frontend_cache.published")
    page_unpublished.connect(_page_changed, dispatch_uid="localoffer.frontend_cache.unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="localoffer.frontend_cache.moved")
    for model in SITE_WIDE_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                _site_wide_change,
                sender=model,
                dispatch_uid=f"localoffer.frontend_cache.{model.__name__}.{id(signal)}",
            )
