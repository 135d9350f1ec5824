"""Production settings: every secret and host comes from the environment.

``docker-compose.yml`` runs the site with these settings; tests/deploy checks that it
provides every variable listed in ``REQUIRED``.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES
from .environment import ENV

# The environment variables production cannot start without.
REQUIRED = {
    "DJANGO_SECRET_KEY": ENV.secret_key,
    "DJANGO_ALLOWED_HOSTS": ENV.allowed_hosts,
}
for _name, _value in REQUIRED.items():
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set in production")

DEBUG = False
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Long-lived database connections are checked before use, so a restarted PostgreSQL
# does not cost a failed request.
CONN_HEALTH_CHECKS = True

# gunicorn serves the static files itself through WhiteNoise, straight after the
# security middleware (WhiteNoise's documented position), compressed and with
# content-hashed names that browsers may cache for ever. `collectstatic` runs when the
# image is built (see Dockerfile).
_AFTER = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_AFTER],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_AFTER:],
]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
