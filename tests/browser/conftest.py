"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Fixtures: ``browser`` (one Chromium per test session), ``page`` (a fresh context
per test, ``base_url`` set to the live server, so ``page.goto("/admin/")`` works).
Helpers live in ``tests/browser/helpers.py``: ``axe_violations(page)`` and
``screenshot(page, name)``. A failing test leaves a screenshot in ``test-artifacts/``.

Without /usr/bin/chromium a test is skipped with a plain reason on a developer's
machine and fails under CI=true, so CI never skips browser tests silently.

Each browser test module starts with
``pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]``:
the live server runs in another thread, so the test's data must be committed
(transaction=True), and serialized_rollback puts the reference data that
migrations load (countries, prefectures, policy areas) back after each flush.
"""

import os
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

from .helpers import CHROMIUM, artifact, missing, screenshot

# Playwright's sync API runs an event loop in this thread; Django would then refuse
# database access from the test (SynchronousOnlyOperation) though nothing is async.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class LiveRequests:
    """The live server's threads that are inside a request (started, response not yet closed).

    The database's flush after a test must not race a request the page left in flight (a search fetched in
    place, a prefetch): its reads hold locks on the tables the flush truncates one by one, and PostgreSQL
    cancelled the flush as a deadlock. The test client's requests (this thread's) finish before it returns.
    """

    def __init__(self):
        self.threads = set()
        self.lock = threading.Lock()

    def started(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.threads.add(threading.get_ident())

    def finished(self, **kwargs):
        with self.lock:
            self.threads.discard(threading.get_ident())

    def wait_until_idle(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while self.threads and time.monotonic() < deadline:
            time.sleep(0.02)


LIVE_REQUESTS = LiveRequests()
request_started.connect(LIVE_REQUESTS.started, weak=False, dispatch_uid="browser-live-requests-started")
request_finished.connect(LIVE_REQUESTS.finished, weak=False, dispatch_uid="browser-live-requests-finished")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Once Playwright's event loop runs in this thread, Django looks its connections up in a
    # context variable instead of the thread-local (asgiref's Local): every alias gets a fresh
    # connection object, without the snapshot of the migrated database that setup_databases
    # stored on the old one for serialized_rollback. Without carrying it over, the first
    # flush would lose the reference data (countries, groups) for every later browser test.
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, contents in snapshots.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    failure = f"FAILED-{request.node.name}"
    if report is not None and report.failed:
        screenshot(page, failure)
    else:
        artifact(failure).unlink(missing_ok=True)  # an earlier run's failure, now fixed
    context.close()
    LIVE_REQUESTS.wait_until_idle()  # before the database's flush (the db fixture is torn down after this one)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so the ``page`` fixture knows whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Planner statistics for the data the test's fixtures committed, before the browser asks for a page.

    Production's autovacuum analyses committed rows within a minute; here each test's flush and reload leaves
    the statistics of an earlier test's data. Queries planned on them nested loops over rows taken for one and
    ran long (a "worked with" query here 1.7 s, an export of 200 records 163 s); a page took 28 s on CI,
    likely so (not traced: ``scripts/postgres.py`` now prints the slow statements of a failed run). ANALYZE is
    what autovacuum would have done by then.
    """
    if item.get_closest_marker("django_db"):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return (yield)
