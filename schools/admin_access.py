"""Admin screens that only some of the council's staff, or a school's editors, may open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from .models import SchoolPage


class AllowedUsersOnlyMixin:
    """Refuses anyone for whom ``allowed(user)`` is false, before the view runs
    (``PermissionDenied``: Wagtail's admin answers it with its "no permission" redirect).

    A view sets ``allowed = staticmethod(<who may see this>)``; put the mixin first in
    the bases so that nothing else in ``dispatch`` runs for someone refused.
    """

    allowed: ClassVar[Callable[[Any], bool]]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def school_for(user: Any, page_id: int, allowed: Callable[[Any, SchoolPage], bool]) -> SchoolPage:
    """The school page ``page_id``, for a screen about one school: ``Http404`` when there is
    none, ``PermissionDenied`` when ``allowed(user, school)`` is false (an editor of
    another school). Call it before the view does anything else."""
    school = get_object_or_404(SchoolPage, pk=page_id)
    if not allowed(user, school):
        raise PermissionDenied
    return school


def can_edit(user: Any, school: SchoolPage) -> bool:
    """Whether ``user`` may edit ``school``'s report (its own editors and the council)."""
    return school.permissions_for_user(user).can_edit()


def can_publish(user: Any, school: SchoolPage) -> bool:
    """Whether ``user`` may publish ``school``'s report (the council's moderators)."""
    return school.permissions_for_user(user).can_publish()
