"""Routes of the Open Referral UK API, mounted at /api/oruk/ (with or without a final slash)."""

from django.urls import re_path

from . import views

app_name = "openreferral"

urlpatterns = [
    re_path(r"^$", views.ApiDetailsView.as_view(), name="api-details"),
    re_path(r"^services/?$", views.ServiceListView.as_view(), name="services"),
    re_path(
        r"^services/(?P<record_id>[^/]+)/?$", views.ServiceDetailView.as_view(), name="service"
    ),
    re_path(
        r"^service_at_locations/?$",
        views.ServiceAtLocationListView.as_view(),
        name="service-at-locations",
    ),
    re_path(
        r"^service_at_locations/(?P<record_id>[^/]+)/?$",
        views.ServiceAtLocationDetailView.as_view(),
        name="service-at-location",
    ),
    re_path(r"^organizations/?$", views.OrganizationListView.as_view(), name="organizations"),
    re_path(
        r"^organizations/(?P<record_id>[^/]+)/?$",
        views.OrganizationDetailView.as_view(),
        name="organization",
    ),
    re_path(r"^taxonomies/?$", views.TaxonomyListView.as_view(), name="taxonomies"),
    re_path(
        r"^taxonomies/(?P<record_id>[^/]+)/?$",
        views.TaxonomyDetailView.as_view(),
        name="taxonomy",
    ),
    re_path(r"^taxonomy_terms/?$", views.TaxonomyTermListView.as_view(), name="taxonomy-terms"),
    re_path(
        r"^taxonomy_terms/(?P<record_id>[^/]+)/?$",
        views.TaxonomyTermDetailView.as_view(),
        name="taxonomy-term",
    ),
]
