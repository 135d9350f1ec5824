"""Turns a refused approval into a message, wherever in the admin it was pressed.

Approving through Wagtail's own moderation dialog (the dashboard's "Awaiting your
review", the page listing) runs the workflow without a hook before it; the approval rule
(``services.locks.check_can_approve``) then refuses inside Wagtail's transaction, which
undoes the approval. This middleware shows the reason on the report's review screen
instead of a server error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow

from .services import ApprovalRefused


class ApprovalRefusedMiddleware:
    """Answers ``ApprovalRefused`` with the review screen and the refusal as a message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApprovalRefused) or exception.page_id is None:
            return None
        messages.error(request, str(exception))
        url = reverse("moderation_review_changes", args=[exception.page_id])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's dialog follows a "success" step's redirect.
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": url}
            )
        return redirect(url)
