"""Settings shared by every environment. Safe for production on their own:
DEBUG is off and nothing here carries a secret; ``dev`` and ``test`` relax them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .environment import ENV

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "localoffer",
    "council",
    "schools",
    "moderation",
    "search",
    "search.elastic",
    "openreferral",
    "extraction",
    "feedback",
    "census",
    "postcodes",
    "logins",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response the site makes (localoffer/csp.py).
    "localoffer.csp.SitePolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The public APIs' rate limit and caching, before anything else works on the request.
    "localoffer.public_api.PublicApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous visitors' public pages from the cache: inside the session and CSRF
    # middleware (each visitor gets their own token and cookie), outside everything
    # else that could set a cookie (localoffer/page_cache.py).
    "localoffer.page_cache.PublicPageCacheMiddleware",
    # What Wagtail looks up for a public page (site, route, view restrictions, settings,
    # vocabularies; for the directory's JSON API the site and vocabularies), kept in
    # memory while the data version is unchanged; anonymous only (localoffer/version_memo.py).
    "localoffer.version_memo.VersionMemoMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: staff reach the admin only through two factors.
    "logins.middleware.TwoFactorMiddleware",
    # An approval refused because the report changed after it was submitted: a message.
    "moderation.middleware.ApprovalRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "localoffer.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "localoffer.wsgi.application"

# The embedded default is SQLite in the project folder: nothing to install or start.
DATABASES = {
    "default": dj_database_url.parse(
        ENV.database_url or f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two requests writing at once (an editor's preview and autosave, a session saved
    # while a page is published) must wait for each other, not fail. A transaction that
    # reads first and writes later (SQLite's default) gets "database is locked" at once,
    # without waiting, when another has written meanwhile: a 500 for the editor. Taking
    # the write lock when the transaction begins lets the timeout apply; WAL lets pages
    # be read while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the directory's search statement is estimated costly enough
    # for PostgreSQL to compile it (above jit_above_cost) on every request, 130-260 ms
    # of compiling for a statement that runs in 20-50 ms (docs/performance.md,
    # "PostgreSQL at 5,000 schools"). Results are the same; options in the URL win.
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username or address before any password is
# checked, whichever form calls authenticate().
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Failed-login throttling, in every setting (the demo site too): after 5 wrong passwords
# in a row for one username, or from one address, that username or address is refused
# for 15 minutes; each further try restarts the wait. A right password resets the count.
# Administrators unlock sooner under Settings > Locked-out logins or with
# `manage.py axes_reset_username USER` (docs/security.md).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The same address rule as the rate limits, so X-Forwarded-For is trusted only from the
# proxies the deployment declares (DJANGO_TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "localoffer.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "logins.views.locked_out"

# Signing in: django-allauth's form replaces Wagtail's admin one and every other (see
# localoffer/urls.py), because it adds the second factor: an authenticator app (TOTP),
# a security key or passkey (WebAuthn), and one-use recovery codes. Council staff must
# set one up before they reach the admin when LOCALOFFER_REQUIRE_TWO_FACTOR is on (the
# default outside development; logins/middleware.py); school editors may.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
LOCALOFFER_REQUIRE_TWO_FACTOR = True if ENV.require_two_factor is None else ENV.require_two_factor
ACCOUNT_ADAPTER = "logins.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = LOGIN_URL
ACCOUNT_SESSION_REMEMBER = False
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "SEND Local Offer"
# A code stays good for one 30-second step either side (RFC 6238 section 5.2's allowance for
# clock drift and typing time): a SENCO who types the code as it changes is not turned away.
# A code still signs in only once (allauth remembers used codes for the whole window).
MFA_TOTP_TOLERANCE = 1
# A passkey is a second factor here, never a way round the password (and its throttling).
MFA_PASSKEY_LOGIN_ENABLED = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The school page editor has many fields; Django's default limit of 1,000 is too low.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Local Offer"
WAGTAILADMIN_BASE_URL = ENV.admin_base_url
# Approving a school report through the moderation workflow also records the annual review.
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.workflow_actions.publish_approved_revision"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The school directory's search backend (search.backends): the database by default,
# Elasticsearch when ELASTICSEARCH_URL is set (see docs/elasticsearch.md).
LOCALOFFER_DIRECTORY_BACKEND = (
    "search.elastic.backend.ElasticsearchBackend"
    if ENV.elasticsearch_url
    else "search.backends.database.DatabaseBackend"
)
LOCALOFFER_ELASTICSEARCH_URL = ENV.elasticsearch_url
# The alias searches go through; each rebuild makes a new index behind it.
LOCALOFFER_ELASTICSEARCH_INDEX = ENV.elasticsearch_index
# Seconds: a directory search waits this long before answering from the database.
LOCALOFFER_ELASTICSEARCH_TIMEOUT = 1.0
# Seconds: index updates after publishing wait this long before being queued for later.
LOCALOFFER_ELASTICSEARCH_WRITE_TIMEOUT = 3.0
# Seconds to leave Elasticsearch alone after it failed, so that an outage does not
# make every request wait for a timeout.
LOCALOFFER_ELASTICSEARCH_RETRY_AFTER = 10.0
# Seconds between a server process's looks for index updates queued during an outage
# (another process's); sent at once when this process sees Elasticsearch come back.
LOCALOFFER_ELASTICSEARCH_CATCH_UP_SECONDS = 30.0
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "SEND Local Offer API",
    "DESCRIPTION": (
        "Find schools by the help they give children with SEND, and read the council's "
        "published responses to feedback from families ('You said, we did')."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Its `check --deploy` hook builds a schema of every DRF view: it needs a migrated
    # database (the parameters list the council's vocabularies) and trips over Wagtail's
    # internal admin API. tests/search/test_api_schema.py checks our API's description.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
# Uploaded report documents are read in a separate process (extraction.worker), stopped
# after this many seconds or this much memory: a hostile file costs seconds, not a worker.
EXTRACTION_TIME_LIMIT = 20.0
EXTRACTION_MEMORY_LIMIT = 700 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Editors paste from Word; keep the rich text features to what reads well for parents.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

# Rate limits (django-ratelimit) count visitors by the address ``client_ip`` finds, behind
# this many reverse proxies (see localoffer/client_address.py). They use the default cache:
# Redis when REDIS_URL is set, shared by every server process; otherwise each process
# counts on its own (see docs/feedback.md).
LOCALOFFER_TRUSTED_PROXY_COUNT = ENV.trusted_proxy_count
RATELIMIT_IP_META_KEY = "localoffer.client_address.client_ip"
RATELIMIT_USE_CACHE = "default"
# A visitor may send this much feedback from one address (django-ratelimit rates).
LOCALOFFER_FEEDBACK_RATES = ("10/10m", "40/d")
# The public JSON APIs (localoffer/public_api.py): requests one address may make (every
# rate counts each request), how long clients may keep an answer, and how long the server
# keeps an Open Referral answer at most (it is dropped sooner when the data changes).
LOCALOFFER_PUBLIC_API_PREFIXES = ("/api/v1/", "/api/oruk/")
# Answers kept on the server, by address prefix, in this cache: the Open Referral dumps
# (large, few) apart from the directory's and census's JSON answers (small, many).
LOCALOFFER_SERVER_CACHED_API_PREFIXES = {"/api/oruk/": "public-api", "/api/v1/": "public-answers"}
LOCALOFFER_API_RATES = tuple(ENV.api_rates) or ("120/m", "3000/h")
LOCALOFFER_API_MAX_AGE = 60
LOCALOFFER_API_CACHE_SECONDS = 600
# The caches: Django's local memory in each server process unless REDIS_URL is set, when
# every process and web container shares one Redis (docker-compose.yml). Nothing kept is
# ever stale either way: cached pages and answers are keyed on the data version every
# process shares through the database (localoffer/data_version.py); Redis adds one shared
# copy instead of one per process, and rate limits counted over all processes.
# The sizes bound local memory; Redis is bounded by its own maxmemory (LRU eviction).
_CACHE_SIZES = {"default": 300, "public-api": 50, "public-answers": 2000, "public-pages": 3000}


def cache_config(alias: str, redis_url: str) -> dict[str, object]:
    """The settings of the cache ``alias``: in Redis at ``redis_url``, or local memory."""
    if redis_url:
        return {
            # Django's own RedisCache, reading as an empty cache while Redis is down.
            "BACKEND": "localoffer.cache_backends.ForgivingRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"localoffer:{alias}",
            # Seconds: a Redis that hangs must not hold parents' requests.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": alias,
        "OPTIONS": {"MAX_ENTRIES": _CACHE_SIZES[alias]},
    }


CACHES = {
    # Rate-limit counts and Django's own uses.
    "default": cache_config("default", ENV.redis_url),
    # Open Referral answers, compressed, each at most 8 MB.
    "public-api": cache_config("public-api", ENV.redis_url),
    # The directory's and census's JSON answers (/api/v1/), compressed, each at most 1 MB.
    "public-answers": cache_config("public-answers", ENV.redis_url),
    # Anonymous visitors' public pages (localoffer/page_cache.py), compressed, each at
    # most 1 MB: the directory's pages per query and filters, and the schools' reports.
    "public-pages": cache_config("public-pages", ENV.redis_url),
}
# Public pages kept for anonymous visitors (localoffer/page_cache.py): not these
# addresses; how long browsers and proxies may keep a page without asking (0: they ask
# every time and get a 304 if nothing changed); how long the server keeps one at most
# (it is dropped sooner when the data changes; 0 keeps none).
# The JSON APIs whose site and vocabulary lookups are kept in memory under the data
# version, as for a public page (localoffer/version_memo.py): anonymous GET and HEAD only.
LOCALOFFER_VERSION_MEMO_API_PREFIXES = ("/api/v1/directory/",)
LOCALOFFER_UNCACHED_PAGE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/_util/",
    "/api/",
    "/feedback/",
    "/documents/",
    "/school-review/",
)
LOCALOFFER_PAGE_MAX_AGE = 0
LOCALOFFER_PAGE_CACHE_SECONDS = 600

# A CDN or caching proxy the council puts in front (docs/performance.md): Wagtail's
# frontend cache purges a page from it the moment it changes (localoffer/frontend_cache.py),
# by an HTTP PURGE to FRONTEND_CACHE_PURGE_URL (Varnish, nginx) and/or Cloudflare's API.
# CloudFront needs boto3 and a settings module of the council's own (see the docs).
WAGTAILFRONTENDCACHE: dict[str, dict[str, str]] = {}
if ENV.frontend_cache_purge_url:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "localoffer.frontend_cache.TimedHTTPBackend",
        "LOCATION": ENV.frontend_cache_purge_url,
    }
# Seconds a purge target may take to answer one PURGE before it is given up (logged).
LOCALOFFER_PURGE_TIMEOUT = 3.0
if ENV.cloudflare_api_token:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": ENV.cloudflare_api_token,
        "ZONEID": ENV.cloudflare_zone_id,
    }
# How long that CDN may keep a public page without asking (s-maxage), only when it is
# told to purge: never for the directory's addresses with a query, which cannot be
# purged one by one (they keep LOCALOFFER_PAGE_MAX_AGE: asked each time, 304 if unchanged).
LOCALOFFER_PAGE_SHARED_MAX_AGE = ENV.frontend_cache_max_age if WAGTAILFRONTENDCACHE else 0
# A form sent without its security token (cookies blocked, a page left open for days)
# gets a page that says what to do, in the site's layout.
CSRF_FAILURE_VIEW = "localoffer.views.csrf_failure"

DEFAULT_FROM_EMAIL = ENV.default_from_email
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if ENV.email_host
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = ENV.email_host or "localhost"

# Content-Security-Policy (django-csp), in every setting: pages load scripts, styles,
# fonts and images from this site only; nothing inline, no plugins, no framing at all.
# Wagtail's admin gets LOCALOFFER_ADMIN_CSP on top, under /admin/ only (localoffer/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
LOCALOFFER_ADMIN_CSP: dict[str, list[str]] = {
    # Wagtail's editing screens write small inline scripts next to their fields (inline
    # panels, choosers, date pickers) and its editor (Draftail) adds <style> elements.
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    # The editor's preview shows the page in a frame of the admin's own.
    "frame-ancestors": [SELF],
}
# The public page as the editor's preview renders it, inside that frame.
LOCALOFFER_PREVIEW_CSP: dict[str, list[str]] = {"frame-ancestors": [SELF]}
# The admin would load avatars from gravatar.com and check wagtail.org for new releases:
# neither is allowed by the policy, and neither should learn who uses the council's admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "schools": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "feedback": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
