"""Production settings: every secret and host comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import ENV

if not ENV.secret_key:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
if not ENV.allowed_hosts:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production")

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
