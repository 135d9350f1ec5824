"""Settings for a developer's machine and ``make run``: DEBUG on, no secrets needed."""

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = True
SECRET_KEY = ENV.secret_key or "django-insecure-development-only-key-do-not-use-in-production"
ALLOWED_HOSTS = ENV.allowed_hosts or ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo logins sign in with a password alone, unless DJANGO_REQUIRE_TWO_FACTOR says.
LOCALOFFER_REQUIRE_TWO_FACTOR = bool(ENV.require_two_factor)
# Security keys and passkeys on http://127.0.0.1 (browsers allow WebAuthn on localhost).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
