"""The directory API's endpoints; the project mounts them at ``/api/v1/``
(``localoffer/api_urls.py``, which also serves the OpenAPI description)."""

from django.urls import path

from .api import DirectoryAPIView

api_patterns = [
    path("directory/", DirectoryAPIView.as_view(), name="directory"),
]
