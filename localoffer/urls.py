from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from moderation import chooser

from . import views

# A request the site cannot read gets a page in the site's layout, not Django's bare one.
handler400 = "localoffer.views.bad_request"

# One sign-in form for the whole site: django-allauth's, with its second factor and
# django-axes' throttling. Wagtail's two (the admin's and /_util/login/ for
# login-restricted pages) send people there, keeping where they were going.
_to_sign_in = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("admin/login/", _to_sign_in),
    path("_util/login/", _to_sign_in),
    # Before the admin's own: the page chooser's two URLs that take a page id show a
    # school's editors only their own school (moderation/chooser.py).
    path("admin/choose-page/<int:parent_page_id>/", chooser.guarded_browse),
    path("admin/choose-page/chosen-multiple/", chooser.guarded_chosen_multiple),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("feedback/", include("feedback.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("api/oruk/", include("openreferral.urls")),
    path("api/v1/", include("localoffer.api_urls")),
    # The one-click "still up to date" link in review reminders (no login: it is signed).
    path("school-review/", include("moderation.urls")),
    path("open-data/", views.open_data, name="open-data"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.ico")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
