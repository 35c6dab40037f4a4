"""Cached facet counts and choices, invalidated by a data version.

Facet counts change only when an editor saves. Every save, delete or
many-to-many change of a model in the register apps bumps one version number
in Django's cache; cache keys include it, so old entries are simply never read
again (and expire). With ``REDIS_URL`` every host shares the version.

``bulk_create`` and raw SQL send no signals: a command that writes that way
(the benchmark seeder) calls :func:`bump_data_version` when it is done.

With the default local-memory cache each process (each gunicorn worker) has its
own version, and a save bumps only the version of the process that made it; so
entries there live one minute, which bounds how long another worker can show
stale counts. A shared cache (``REDIS_URL``) keeps them an hour.
"""

import hashlib
import json
import uuid

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache

VERSION_KEY = "search:data-version"
SHARED_TIMEOUT = 60 * 60  # a shared cache sees every bump: an hour, the version retires older entries
LOCAL_TIMEOUT = 60  # a per-process cache misses other processes' bumps: keep it short
WATCHED_APPS = {"directory", "initiatives", "people", "partnerships"}


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def bump_data_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def cache_key(*parts):
    """A short key for any JSON-serialisable parts (parameters may be long or contain any character)."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"search:{data_version()}:{digest}"


def timeout():
    return LOCAL_TIMEOUT if isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache) else SHARED_TIMEOUT


def cached(key_parts, compute):
    key = cache_key(*key_parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout())
    return value


def on_data_change(sender, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model."""
    if sender._meta.app_label in WATCHED_APPS:
        bump_data_version()
