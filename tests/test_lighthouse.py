"""Lighthouse on a production-like server (debug off, collected static files, gunicorn) with the demo data: the
representative pages of ``bench.lighthouse.SUBSET`` keep cumulative layout shift below 0.1 and performance at
95 or more. The whole matrix (every page kind, both languages, phone and desktop) is ``make lighthouse``."""

from urllib.parse import quote

import pytest
from django.db import connection, transaction

from bench import lighthouse
from demo.seed import seed_demo

from .browser.helpers import CHROMIUM, missing

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]


def database_url():
    """The test database, for the gunicorn the test starts (a separate process: it needs a server database)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = quote(db["HOST"] or "localhost", safe="")
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def test_pages_do_not_jump_and_score_95_or_more_in_lighthouse():
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn, a separate process, cannot share the in-memory SQLite: runs in the PostgreSQL half")
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium package")
    if not lighthouse.LIGHTHOUSE.exists():
        missing("node_modules/.bin/lighthouse not found: run `npm ci` (make test does)")
    with transaction.atomic():
        seed_demo()
    with lighthouse.served(database_url()) as base_url:
        results = lighthouse.measure(base_url, lighthouse.matrix(subset=True), log=print)
    assert {(r["page"], r["language"], r["form_factor"]) for r in results} == set(lighthouse.SUBSET)
    assert lighthouse.failures(results) == []
