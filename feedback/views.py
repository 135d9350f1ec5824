"""The public side of feedback: the form (at the foot of every page, and on a page of its
own) and the thank-you page. Thin: the rules are in ``forms``, ``services``, ``selectors``."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page, Site

from council.models import CouncilSettings

from .forms import FeedbackForm
from .models import Feedback, FeedbackSettings
from .selectors import public_page, school_for_page
from .services import Received, feedback_awaiting_comment, follow_up_token, record_feedback

logger = logging.getLogger(__name__)


def _site(request: HttpRequest) -> Site | None:
    return Site.find_for_request(request)


def rate_limited(request: HttpRequest) -> bool:
    """Count this POST against every feedback rate for the visitor's address; True if any
    is exceeded. Every rate is counted, so a burst also uses up the daily allowance."""
    results = [
        is_ratelimited(
            request, group="feedback", key="ip", rate=rate, method="POST", increment=True
        )
        for rate in settings.LOCALOFFER_FEEDBACK_RATES
    ]
    return any(results)


def thanks_url(page: Page | None, feedback: Feedback | None) -> str:
    """Where a visitor goes after sending feedback: the thank-you page, which knows the
    page to return to and, for an answer without a comment, may ask for one."""
    query: dict[str, str] = {}
    if page is not None:
        query["page"] = str(page.pk)
    if feedback is not None and not feedback.comment:
        query["more"] = follow_up_token(feedback)
    if feedback is not None and feedback.email:
        query["reply"] = "1"
    url = reverse("feedback:thanks")
    return f"{url}?{urlencode(query)}" if query else url


class PoliteView(View):
    """A view that answers a method it does not take (PUT, DELETE...) with a page for
    people, not an empty 405."""

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = render(request, "feedback/method_not_allowed.html", status=405)
        response["Allow"] = ", ".join(method.upper() for method in self._allowed_methods())
        return response


class FeedbackView(PoliteView):
    """GET: the feedback form on a page of its own. POST: receive feedback from the form
    at the foot of a page, this page or the thank-you page."""

    template_name = "feedback/feedback_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = public_page(request.GET.get("page"), _site(request))
        form = FeedbackForm()
        return self.render_form(request, form, page)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FeedbackForm(request.POST)
        page = public_page(request.POST.get("page"), _site(request))
        if rate_limited(request):
            logger.info("Feedback refused: rate limit for this address")
            return self.render_form(request, form, page, status=429, rate_limited=True)
        if form.is_from_a_program:
            # Looks like success, so that the program learns nothing; nothing is kept.
            logger.info("Feedback dropped: the hidden field was filled in")
            return HttpResponseRedirect(thanks_url(page, None), status=303)
        if not form.is_valid():
            return self.render_form(request, form, page)
        data = form.cleaned_data
        feedback = record_feedback(
            Received(page, data["useful"], data["comment"], data["email"]),
            follow_up=data["more"],
        )
        return HttpResponseRedirect(thanks_url(page, feedback), status=303)

    def render_form(
        self,
        request: HttpRequest,
        form: FeedbackForm,
        page: Page | None,
        status: int = 200,
        rate_limited: bool = False,
    ) -> HttpResponse:
        errors = [] if rate_limited or not form.is_bound else form.error_list()
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "source_page": page,
                "school": school_for_page(page),
                "errors": errors,
                "rate_limited": rate_limited,
                "feedback_settings": FeedbackSettings.load(request_or_site=request),
                "privacy_notice": CouncilSettings.load(request_or_site=request).privacy_notice,
            },
            status=status,
        )


class ThanksView(PoliteView):
    """The thank-you page: back to the page the visitor came from, and a chance to say
    more after answering "Is this page useful?"."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        page = public_page(request.GET.get("page"), _site(request))
        token = request.GET.get("more", "")[:200]
        awaiting = feedback_awaiting_comment(token)
        return render(
            request,
            "feedback/thanks.html",
            {
                "source_page": page,
                "school": school_for_page(page),
                "more_token": token if awaiting else "",
                "answer": awaiting.useful if awaiting else "",
                "reply": request.GET.get("reply") == "1",
                "feedback_settings": FeedbackSettings.load(request_or_site=request),
                "privacy_notice": CouncilSettings.load(request_or_site=request).privacy_notice,
            },
        )
