"""The site's own pages that are not the council's content: the error pages, rendered in its
layout with the request (so the footer and the council's name appear), for problems a
visitor's browser can cause; and the open data page, which describes the site's APIs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: a request the site cannot read (far too large, too many fields, broken)."""
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403: a form sent without its security token, usually because cookies are blocked
    or the page was open for a long time. Says what to do instead of Django's technical page."""
    return render(request, "403_csrf.html", status=403)


def open_data(request: HttpRequest) -> HttpResponse:
    """What the site publishes as open data: the directory's JSON API and the Open Referral
    UK API, with example links and the licence."""
    return render(request, "localoffer/open_data.html")
