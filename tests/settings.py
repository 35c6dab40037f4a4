"""Test settings: production settings with what tests need overridden.

Debug stays off (tests see the production configuration), but requests are
plain HTTP, passwords hash fast and django-axes does not lock the test client out.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from techdiplo.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tests sign in with force_login; the lock-out itself is tested with axes switched back on.
AXES_ENABLED = False

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Static files straight from the app and project folders, as in development: tests
# never run collectstatic (and whitenoise then does not warn about a missing STATIC_ROOT).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tests make many requests from one address, and some leave a streamed export unread: fair use (rate limits and
# heavy-request slots) is tested with both switched back on, in tests/test_fair_use*.py.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, 0)  # noqa: F405
HEAVY_REQUEST_SLOTS = 0

# The likely-duplicate pairs are derived data, kept by triggers as the records are written: a transactional
# test's restore of the records (serialized_rollback) pairs them again, so the pairs themselves are not restored.
TEST_NON_SERIALIZED_APPS = ["editorial"]
