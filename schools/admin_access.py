"""Admin screens that only some of the council's staff may open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase


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
