"""Lighthouse on a production-like server (debug off, collected static files, gunicorn) with the demo data: the
representative pages of ``bench.lighthouse.SUBSET`` keep cumulative layout shift below 0.1 and performance at
95 or more. The whole matrix (every page kind, both languages, phone and desktop) is ``make lighthouse``."""

import pytest
from django.db import transaction

from bench import lighthouse
from demo.seed import seed_demo

from .browser.helpers import CHROMIUM, missing
from .site_process import database_url_of_tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]


def test_pages_do_not_jump_and_score_95_or_more_in_lighthouse():
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium package")
    if not lighthouse.LIGHTHOUSE.exists():
        missing("node_modules/.bin/lighthouse not found: run `npm ci` (make test does)")
    with transaction.atomic():
        seed_demo()
    with lighthouse.served(database_url_of_tests()) as base_url:
        results = lighthouse.measure(base_url, lighthouse.matrix(subset=True), log=print)
    assert {(r["page"], r["language"], r["form_factor"]) for r in results} == set(lighthouse.SUBSET)
    assert lighthouse.failures(results) == []
