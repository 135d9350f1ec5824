"""The directory page parents use to find schools."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, Site

from .directory import find_schools, postcode_from_words, site_relative_urls

RESULTS_PER_PAGE = 20


class DirectoryPage(Page):
    """Search and filter the schools of the schools index it sits under."""

    intro = RichTextField(
        blank=True,
        help_text="A few words for parents above the search, in plain English.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["schools.SchoolIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    page_description = (
        "The directory where parents search and filter the schools. One per schools index."
    )

    class Meta:
        verbose_name = "school directory"

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """The restrictions on this page and its ancestors, in one query.

        Same rule as ``Page.get_view_restrictions`` (an alias takes its source page's
        restrictions and has none of its own), which spends two queries on it; the
        directory keeps within its query budget of ten per request (eleven when the words
        mean options of several filters, see ``search.tagged``).
        """
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    @property
    def scope_path(self) -> str:
        """The tree path of the schools index: the directory lists the schools under it."""
        return self.path[: -self.steplen]

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A postcode typed into the search box is searched as a postcode: as words it
        # matches no school (search.typed_postcode).
        moved = postcode_from_words(request.GET)
        if moved is not None:
            return HttpResponseRedirect(f"{request.path}?{moved.urlencode()}")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        root_url_path = site.root_page.url_path if site else "/"
        listing, _parsed = find_schools(
            request.GET,
            lenient=True,
            scope_path=self.scope_path,
            site_root_url_path=root_url_path,
            base_url=self._relative_url(root_url_path),
            page_size=RESULTS_PER_PAGE,
        )
        context["directory"] = listing
        # Routing left the parent on the page, so this costs no query when serving.
        index = self.get_parent()
        context["index_title"] = index.title
        context["index_url"] = self._relative_url(root_url_path, index.url_path)
        return context

    def _relative_url(self, root_url_path: str, url_path: str | None = None) -> str:
        path = url_path if url_path is not None else self.url_path
        return site_relative_urls(root_url_path)(path.rstrip("/") + "/")
