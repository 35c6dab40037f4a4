"""Helpers for browser tests: axe-core checks, screenshots, and the skip-or-fail rule."""

import json
import os
import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
SERIOUS = ("serious", "critical")


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing(reason):
    """Skip on a developer's machine; fail in CI, where every browser test must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def artifact(name):
    """test-artifacts/<name>.png, with anything unsafe in a file name replaced."""
    return ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"


def screenshot(page, name):
    """Save a full-page PNG as test-artifacts/<name>.png and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = artifact(name)
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, impacts=SERIOUS):
    """Run axe-core on the current page; return its violations of the given impacts.

    The script is evaluated through the DevTools protocol rather than added as a
    <script> tag, so the site's Content-Security-Policy stays fully in force.
    """
    if not AXE.exists():
        missing(f"{AXE.relative_to(PROJECT_ROOT)} not found: install it with `npm ci` (needs npm; `make test` does)")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in impacts]


def describe(violations):
    """A readable assertion message: rule, impact, and the first offending elements."""
    return json.dumps(
        [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
        indent=2,
        ensure_ascii=False,
    )
