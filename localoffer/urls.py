from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

# A request the site cannot read gets a page in the site's layout, not Django's bare one.
handler400 = "localoffer.views.bad_request"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("feedback/", include("feedback.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("api/oruk/", include("openreferral.urls")),
    path("api/v1/", include("localoffer.api_urls")),
    # The one-click "still up to date" link in review reminders (no login: it is signed).
    path("school-review/", include("moderation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's second sign-in form (for login-restricted pages) would be another door to
    # the same accounts: it sends people to the admin's, the one that is throttled.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True),
    ),
    path("", include(wagtail_urls)),
]
