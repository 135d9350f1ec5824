"""The public JSON API at ``/api/v1/``: each app's endpoints, and one OpenAPI 3
description of them all at ``/api/v1/openapi.json`` (drf-spectacular)."""

from django.urls import include, path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView

from census.urls import api_patterns as census_patterns
from feedback.api_urls import api_patterns as feedback_patterns
from search.urls import api_patterns as directory_patterns

app_name = "api_v1"

api_patterns = [*directory_patterns, *census_patterns, *feedback_patterns]

urlpatterns = [
    *api_patterns,
    path(
        "openapi.json",
        SpectacularAPIView.as_view(
            # Only this API: Wagtail's admin has DRF views of its own.
            patterns=[path("api/v1/", include((api_patterns, app_name)))],
            renderer_classes=[OpenApiJsonRenderer2, OpenApiJsonRenderer],
        ),
        name="openapi",
    ),
]
