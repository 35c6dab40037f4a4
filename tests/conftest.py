import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached facet counts and the like must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
