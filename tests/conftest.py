import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English: a request to /ja/ leaves Japanese active in the thread afterwards, and a
    test that renders without a request (the maps' figures) would otherwise speak whatever ran before it."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def run_python():
    """Run this virtualenv's Python in a fresh process at the project root.

    The child sees only PATH plus the variables given, so a test states exactly
    the environment it is about (nothing leaks in from the developer's shell or
    from tests/settings.py). Returns the CompletedProcess with text output.
    """

    def run(*args, **env):
        return subprocess.run(
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture(scope="session")
def japanese_catalogue():
    """The Japanese .mo is built, never committed (`make messages` compiles it): compile it when it is missing
    or older than its .po, so a plain `pytest` also tests Japanese pages; then forget any loaded catalogue."""
    from django.core.management import call_command
    from django.utils.translation import trans_real

    catalogue = PROJECT_ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    compiled = catalogue.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < catalogue.stat().st_mtime:
        call_command("compilemessages", locale=["ja"], ignore_patterns=[".venv", "node_modules", "bench"], verbosity=0)
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data set (``seed_demo``), loaded once for a module's read-only tests.

    Seeding takes seconds, so it happens once, inside a transaction that is rolled back
    after the module's last test; each test still runs in its own savepoint within it.
    """
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def analyst(client):
    """``client`` signed in as a member of the Analysts group (exports, reports, the workbench)."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(groups=["Analysts"]))
    return client


@pytest.fixture
def releases_dir(settings, tmp_path):
    """Data releases written to and served from a folder of the test's own."""
    settings.DATA_RELEASES_DIR = tmp_path / "releases"
    return settings.DATA_RELEASES_DIR
