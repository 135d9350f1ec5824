"""The census endpoints; the project mounts them at ``/api/v1/`` (``localoffer/api_urls.py``)."""

from django.urls import path

from .api import SchoolCensusAPIView

api_patterns = [
    path("schools/<str:urn>/sen-census/", SchoolCensusAPIView.as_view(), name="school_sen_census"),
]
