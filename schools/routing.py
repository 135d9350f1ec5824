"""Routing to a child page in one query instead of two.

Wagtail's ``Page.route`` finds a child page by its slug (one query), then loads it as
its specific page type (another), at every level of a URL: the directory page
(``/schools/find-a-school/``) and every school's page cost four queries below the home
page. Pages with ``ChildRoutingInOneQuery`` read a child with the tables of the page
types that may sit under them joined in (``select_related`` of the multi-table
inheritance links), so each level costs one query. The same pages are found and the
same requests get a 404; a child of a type not joined in is loaded as Wagtail would.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from wagtail.models import Page


class ChildRoutingInOneQuery:
    """Mix into a ``Page`` subclass (before ``Page``) whose children are served."""

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        try:
            child = self._specific_child(path_components[0])
        except Page.DoesNotExist as error:
            raise Http404 from error
        # As Wagtail does: the child's get_parent() costs no query.
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def _specific_child(self, slug: str) -> Page:
        links = _child_links(type(self))
        children = self.get_children()  # type: ignore[attr-defined]
        child = children.select_related(*links).get(slug=slug)
        for link, model in links.items():
            # Django keeps content types in memory: no query once warm.
            if child.content_type_id == ContentType.objects.get_for_model(model).pk:
                try:
                    return getattr(child, link)
                except ObjectDoesNotExist:
                    break
        return child.specific


@cache
def _child_links(parent: type) -> dict[str, type[Page]]:
    """The reverse one-to-one links from ``Page`` to the page types that may be children
    of ``parent`` (direct subclasses of ``Page`` only), and those types."""
    links = {}
    for model in parent.allowed_subpage_models():
        if model is not Page and Page in model._meta.parents:
            link = model._meta.parents[Page]
            links[link.remote_field.get_accessor_name()] = model
    return links
