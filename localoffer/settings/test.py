"""Settings for the test suite: SQLite unless DATABASE_URL points at PostgreSQL."""

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILADMIN_BASE_URL = "http://testserver"
if not ENV.database_url:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
