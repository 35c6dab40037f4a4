"""Cached facet counts and choices, invalidated by a data version.

Facet counts change only when an editor saves. Every save, delete or
many-to-many change of a model in the register apps bumps one version number
in Django's cache; cache keys include it, so old entries are simply never read
again (and expire). With ``REDIS_URL`` every host shares the version.

``bulk_create`` and raw SQL send no signals: a command that writes that way
(the benchmark seeder) calls :func:`bump_data_version` when it is done.
"""

import hashlib
import json
import uuid

from django.core.cache import cache

VERSION_KEY = "search:data-version"
TIMEOUT = 60 * 60  # an hour; the version makes older entries unreachable anyway
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


def cached(key_parts, compute):
    key = cache_key(*key_parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def on_data_change(sender, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of every model."""
    if sender._meta.app_label in WATCHED_APPS:
        bump_data_version()
