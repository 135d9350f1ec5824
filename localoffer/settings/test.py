"""Settings for the test suite: SQLite unless DATABASE_URL points at PostgreSQL."""

from .base import *  # noqa: F403
from .environment import ENV

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# MD5 keeps the suite fast; PBKDF2 (Django's default) only checks the demo's logins,
# which setup_demo hashes with the development settings, when the browser tests sign in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off, as in development (the browser suite signs in with the demo logins); the tests of
# the requirement turn it on (tests/logins).
LOCALOFFER_REQUIRE_TWO_FACTOR = False
# The suite runs the directory on the database even when ELASTICSEARCH_URL is set; the
# Elasticsearch tests switch to it themselves, each on an index of its own.
LOCALOFFER_DIRECTORY_BACKEND = "search.backends.database.DatabaseBackend"
LOCALOFFER_ELASTICSEARCH_INDEX = "localoffer-test-unused"
if not ENV.database_url:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# The suite caches in local memory even when REDIS_URL is set (each test starts with empty
# caches); the tests marked `redis` point the caches at it themselves.
CACHES = {alias: cache_config(alias, "") for alias in CACHES}  # noqa: F405
# Property tests ask the APIs hundreds of questions a minute from one address; the tests
# of the limit itself set their own rates.
LOCALOFFER_API_RATES = ("100000/m",)
# Public pages are not kept between requests in tests, which read each response's
# template context and count its queries; tests/search/test_page_cache.py turns it on.
LOCALOFFER_PAGE_CACHE_SECONDS = 0
# Likewise the directory's JSON answers (tests count their queries);
# tests/test_api_answer_cache.py keeps them as production does.
LOCALOFFER_SERVER_CACHED_API_PREFIXES = {"/api/oruk/": "public-api"}
