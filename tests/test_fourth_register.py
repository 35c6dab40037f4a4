"""A fourth register plugs into the machinery with no change to it (``tests/fourth_register/``).

Its checks run in a pytest of their own, with settings that install the test-only app, on a test database of
their own (the apps are read once per process, so the main run's registers stay the three of the site).
"""

import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

MACHINERY = ["search", "exports", "editorial", "api", "bilingual", "maps", "observability", "techdiplo", "portal"]


def test_no_machinery_file_names_the_fourth_register():
    for package in MACHINERY:
        for path in (PROJECT_ROOT / package).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".html", ".sql"):
                assert "agreement" not in path.read_text(encoding="utf-8").lower(), path


def test_a_fourth_register_gets_its_search_page_api_counts_and_export_from_the_machinery():
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "python_files=checks.py"]
    command += ["--ds=tests.fourth_register.settings", "tests/fourth_register/checks.py"]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.fourth_register.settings"}
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "6 passed" in result.stdout.splitlines()[-1]
