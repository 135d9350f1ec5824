"""The admin's page chooser (links in rich text) shows a school's editors only their own
school: not other schools' pages, whose titles there are their unpublished drafts.

Wagtail's ``construct_page_chooser_queryset`` hook filters the chooser's listings and
search (``wagtail_hooks``). Two chooser URLs take a page id directly and show that page's
draft title whatever the hook says: browsing "under" a page, and the titles of chosen
pages. ``guarded_browse`` and ``guarded_chosen_multiple`` stand in front of them
(``localoffer/urls.py`` routes those URLs here first) and answer 404 for a page the
chooser would not list.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from schools.models import SchoolPage


def choosable_pages(pages: QuerySet[Page], user: AbstractBaseUser) -> QuerySet[Page]:
    """``pages`` without the school pages ``user`` may not edit.

    Council moderators and administrators edit every school, so they lose nothing.
    """
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    others = SchoolPage.objects.exclude(pk__in=editable.values("pk")).values("pk")
    return pages.exclude(pk__in=others)


def _refuse_unlisted(request: HttpRequest, page_ids: list[Any]) -> None:
    ids = [int(pk) for pk in page_ids if str(pk).isdigit()]
    listed = choosable_pages(Page.objects.filter(pk__in=ids), request.user).count()
    if listed != len(set(ids)):
        raise Http404("No page to choose here.")


@require_admin_access
def guarded_browse(request: HttpRequest, parent_page_id: int) -> HttpResponse:
    """Wagtail's "choose a page under this one", for a page the chooser would list."""
    _refuse_unlisted(request, [parent_page_id])
    return BrowseView.as_view()(request, parent_page_id=parent_page_id)


@require_admin_access
def guarded_chosen_multiple(request: HttpRequest) -> HttpResponse:
    """Wagtail's titles of the chosen pages, for pages the chooser would list."""
    _refuse_unlisted(request, request.GET.getlist("id"))
    return ChosenMultipleView.as_view()(request)
