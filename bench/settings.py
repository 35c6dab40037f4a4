"""Settings for ``make bench``: production settings, served over plain HTTP to the test client.

Debug stays off so templates, middleware and the database connection behave as
they do in production (persistent connections included); the only additions
are the reference admin's URLs and quiet logging of the 404s the harness
expects while a feature is not built yet.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-never-used-to-serve-anything-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from techdiplo.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
AXES_ENABLED = False  # the harness signs in with force_login
# The harness times hundreds of anonymous requests from one address: it measures the site, not its rate limits.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, 0)  # noqa: F405
# Hashed static names need collectstatic first; the plain storage renders the same pages without it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "ERROR"}},
}
