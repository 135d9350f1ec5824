"""The directory API, mounted at ``/api/v1/`` by the project's URLs."""

from django.urls import include, path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView

from .api import DirectoryAPIView

app_name = "directory_api"

api_patterns = [
    path("directory/", DirectoryAPIView.as_view(), name="directory"),
]

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
