"""Settings, read from the environment.

Safe by default: debug is off unless DJANGO_DEBUG says otherwise, there is no
secret in the code, and with debug off every production protection (HTTPS
redirect, HSTS, secure cookies, CSP) is on.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from observability.logs import chosen_format, logging_config
from observability.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent

TRUTHY = {"1", "true", "yes", "on"}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUTHY


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when debug is off "
            "(set DJANGO_DEBUG=1 for local development, or provide a long random secret)."
        )
    # Debug only: a throwaway key for this process; sessions do not survive a restart.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "corsheaders",
    # The registers, in the order the site lists them (each registers itself when ready: search.registry).
    "directory",
    "initiatives",
    "people",
    "partnerships",
    # The site that composes them, and the rest.
    "portal",
    "accounts",
    "reports",
    "workbench",
    "demo",
    # Machinery: the facet bitmaps' table, functions and triggers (its migrations, label techdiplo_search), the
    # editorial state's trigger function (published_at), and the maps.
    "search.apps.SearchConfig",
    "editorial",
    "maps",
    "releases",
    # Fair use: the rate limits' counters and the heavy requests' slots (README.md, "Fair use").
    "fairuse",
]

MIDDLEWARE = [
    # First: every response gets an X-Request-ID and one access log line, redirects and static files included.
    "observability.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, API answers and CSV/JSON downloads gzipped when the client accepts it (gunicorn does not; WhiteNoise
    # above serves static files precompressed; XLSX is a zip already). Django masks its BREACH exposure: random
    # bytes in every gzip header, per-request masked CSRF tokens. Unzipped, the large partnerships page made
    # Lighthouse's phone run miss its score.
    "portal.compression.GZipUncompressedMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks: CORS headers on the API and the downloads only.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL (/ja/... or unprefixed English), never from a cookie or header alone.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database that is down or read-only gives 503 with Retry-After, not 500 (with handler500 in urls.py).
    "portal.unavailable.DatabaseUnavailableMiddleware",
    # After authentication (signed-in staff are not limited) and URL resolution (what kind of request it is).
    "fairuse.middleware.FairUseMiddleware",
    # Last, as django-axes asks: it turns a lock-out into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "techdiplo.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.data_license",
            ],
            # {% translate %} and the bilingual filters (localized, yen) in every template without a {% load %}.
            "builtins": ["django.templatetags.i18n", "bilingual.templatetags.bilingual"],
        },
    },
]

WSGI_APPLICATION = "techdiplo.wsgi.application"


MIN_POSTGRESQL = 15
POSTGRESQL_SCHEMES = {"postgres", "postgresql", "pgsql"}


def database_settings():
    """The one database: PostgreSQL, from ``DATABASE_URL``.

    With debug on and no ``DATABASE_URL``, the server ``make run`` starts for this checkout (its socket in
    ``.pgdata/``), so ``DJANGO_DEBUG=1 manage.py shell`` works beside ``make run``.
    """
    url = env_str("DATABASE_URL").strip()
    if not url:
        if not DEBUG:
            raise ImproperlyConfigured(
                "DATABASE_URL is not set. It is required when debug is off: the PostgreSQL server to use, e.g. "
                "postgres://user:password@host:5432/techdiplo (`make run` starts one of its own)."
            )
        from scripts.postgres import database_url

        url = database_url(BASE_DIR / ".pgdata")
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme not in POSTGRESQL_SCHEMES:
        named = f"a {scheme}:// URL" if scheme else "no URL"
        raise ImproperlyConfigured(
            f"DATABASE_URL must name a PostgreSQL server (postgres://user:password@host:5432/name), but it is "
            f"{named}. techdiplo runs on PostgreSQL {MIN_POSTGRESQL} or newer only; SQLite is not supported."
        )
    database = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
    # No JIT compilation: the planner's row estimates for the bitmap and link joins are far too high, so it would
    # compile queries that then run in a fraction of the compile time (bench/README: the network, the counts).
    options = database.setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


DATABASES = {"default": database_settings()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Nothing is cached: every count and record a visitor sees is read from PostgreSQL, so it is current at once in
# every process. (Sessions and lock-outs live in the database too.)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# The search pages' maps and timeline (search/figures.py). Off only to measure what they cost (make bench).
SEARCH_FIGURES = env_bool("TECHDIPLO_SEARCH_FIGURES", True)

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out client is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

# Password guessing: five failures per user and address, then a cool-off (not a permanent lock-out).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A locked-out editor who keeps trying (even with the right password) is refused, but the cool-off still ends
# when it was due: attempts during a lock-out do not restart it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# What the public may reuse, and how: stated in the footer, in every feed and download, and in the data releases.
DATA_LICENSE = {
    "name": "CC-BY-4.0",  # the SPDX identifier, as Frictionless Data Packages name licences
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

# The bulk data releases (`manage.py release_data`, served at /data/): one folder per release. Every app server must
# read the same folder (shared storage, e.g. an NFS mount), or each would list and serve its own releases.
DATA_RELEASES_DIR = Path(env_str("DATA_RELEASES_DIR") or BASE_DIR / "data-releases")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
# The Japanese catalogue; its .mo is compiled by `make` and CI (compilemessages), never committed.
LOCALE_PATHS = [BASE_DIR / "locale"]
# "26 May 2016" in English (Django's default is "May 26, 2016"); Japanese keeps Django's "2016年5月26日".
FORMAT_MODULE_PATH = ["bilingual.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security. Everything below is on whenever debug is off; debug never redirects to HTTPS.
# DJANGO_SECURE_SSL_REDIRECT=0 is for a proxy that redirects itself; nothing turns these on with debug.
SECURE_SSL_REDIRECT = not DEBUG and env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe a backend over plain HTTP and take a redirect for a failure: /healthz answers itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "accounts.proxy.client_ip"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Inline style attributes stay blocked, but for the one in simple-history's history list.
        "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],  # border-top: 0
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SIMPLE_HISTORY_REVERT_DISABLED = False

# Open data: any web page may read the API and the public downloads from a browser, without credentials (no
# cookie goes with such a request, so nothing an analyst may see can be read this way). Nowhere else.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/(api/.*|(ja/)?[a-z][a-z0-9_-]*/export\.(csv|json)|(ja/)?data/.*)$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]

# Fair use (README.md, "Fair use"). Visitors who are not signed in may make this many requests a minute from one
# address (behind a proxy, the address DJANGO_BEHIND_PROXY reads) of each kind; 0 means no limit of that kind.
# Counted in PostgreSQL, so the limit holds across every app server.
RATE_LIMITS = {
    "api": env_int("RATE_LIMIT_API", 120),
    "downloads": env_int("RATE_LIMIT_DOWNLOADS", 10),
    "feeds": env_int("RATE_LIMIT_FEEDS", 60),
    "search": env_int("RATE_LIMIT_SEARCH", 120),
}
# Exports running at once, for everyone together, across every app server (PostgreSQL advisory locks); and per
# worker process, fewer than its threads, so that a process busy with exports still has a thread for pages.
# An export keeps a core busy (its process and its query): by default half of this server's cores, so the
# other half serves pages (README, "Fair use").
HEAVY_REQUEST_SLOTS = env_int("HEAVY_REQUEST_SLOTS", max(1, (os.cpu_count() or 2) // 2))
HEAVY_REQUESTS_PER_PROCESS = max(1, env_int("GUNICORN_THREADS", 4) - 1)

# The admin's curation page (README, "Curation"): when a review is due, when an active partnership is quiet,
# and which likely duplicates it lists (the pairs the triggers keep, editorial/duplicates.py, at this similarity
# or more: never below 0.5, the least alike a pair is kept at).
CURATION_REVIEW_AFTER_MONTHS = env_int("CURATION_REVIEW_AFTER_MONTHS", 12)
CURATION_QUIET_YEARS = env_int("CURATION_QUIET_YEARS", 3)
CURATION_DUPLICATES_SHOWN = env_int("CURATION_DUPLICATES_SHOWN", 25)
CURATION_DUPLICATE_SIMILARITY = float(env_str("CURATION_DUPLICATE_SIMILARITY", "0.6"))
if not 0.5 <= CURATION_DUPLICATE_SIMILARITY <= 1:
    raise ImproperlyConfigured("CURATION_DUPLICATE_SIMILARITY must be between 0.5 and 1.")

# The admin's import refuses bigger files before reading them (README, "Imports"; exports/uploads.py).
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5_000)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 200_000)
IMPORT_MAX_XLSX_EXPANDED_BYTES = env_int("IMPORT_MAX_XLSX_EXPANDED_BYTES", 50 * 1024 * 1024)

# JSON lines in production, plain text with debug (make run); README.md, "Logs".
try:
    LOG_FORMAT = chosen_format(env_str("DJANGO_LOG_FORMAT"), DEBUG)
except ValueError as exc:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT {exc}.") from exc
LOGGING = logging_config(level=env_str("DJANGO_LOG_LEVEL", "INFO"), fmt=LOG_FORMAT)

# Error reports to Sentry only when SENTRY_DSN is set; never with personal data.
init_sentry(env_str("SENTRY_DSN"), environment=env_str("SENTRY_ENVIRONMENT", "production"))
