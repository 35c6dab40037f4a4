"""``make lighthouse``: Lighthouse performance and layout shift of the public pages, as a visitor gets them.

    python -m bench.lighthouse [--subset] [--base-url URL] [--out FILE]

Without ``--base-url`` it serves the site itself the way production does: debug off, static files collected
(hashed and compressed by whitenoise), gunicorn, against ``DATABASE_URL`` migrated and loaded with the demo
data (``make lighthouse`` runs it under ``scripts/postgres.py``). Then it runs Lighthouse (npm's
``lighthouse``, pinned in package.json, driving Debian's Chromium) on every page of ``pages()`` in both
languages, as a phone and as a desktop, prints a table and writes ``bench/lighthouse.json``.
``tests/test_lighthouse.py`` runs the representative ``SUBSET`` on every ``make test``.
"""

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
RESULTS = Path(__file__).with_name("lighthouse.json")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --disable-dev-shm-usage"
)
FORM_FACTORS = ("mobile", "desktop")
LANGUAGES = ("en", "ja")

# What the issue asks of every page, in both languages and at both sizes.
MIN_PERFORMANCE = 95
MAX_CLS = 0.1

# One page of each kind, from the demo data (demo/data/).
PAGES = {
    "home": "/",
    "initiatives": "/initiatives/",
    "initiatives filtered": "/initiatives/?area=climate-change&region=asia",
    "researchers": "/researchers/",
    "researchers filtered": "/researchers/?stage=early_career&english=C1",
    "partnerships": "/partnerships/",
    "partnerships filtered": "/partnerships/?kind=sister_city&country=US",
    "initiative": "/initiatives/satreps-indonesia-peatland-fire/",
    "researcher": "/researchers/mwangi-grace/",
    "partnership": "/partnerships/aichi-victoria/",
    "organization": "/organizations/u-tokyo/",
    "country": "/countries/us/",
}

# The per-commit test's share of the matrix: every page kind that ever shifted (search pages, filtered and not,
# both languages, both sizes) and one of the pages that never did, about a minute of Lighthouse.
SUBSET = (
    ("initiatives filtered", "en", "desktop"),
    ("researchers", "en", "mobile"),
    ("partnerships", "ja", "mobile"),
    ("partnerships filtered", "ja", "desktop"),
    ("home", "ja", "mobile"),
    ("researcher", "en", "mobile"),
)


def url_of(base_url, page, language):
    path = PAGES[page]
    return f"{base_url}{'/ja' if language == 'ja' else ''}{path}"


def matrix(subset=False):
    if subset:
        return list(SUBSET)
    return [(page, language, form) for page in PAGES for language in LANGUAGES for form in FORM_FACTORS]


def lighthouse(url, form_factor):
    """One Lighthouse run (performance only): score 0-100, CLS, and LCP/FCP/TBT in ms.

    (Lighthouse 12's "layout-shifts" audit, which would name the shifted elements, fails on Debian's newer
    Chromium: the LayoutShift events of a run's trace, ``--save-assets``, still name the nodes.)"""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE.relative_to(PROJECT_ROOT)} not found: run `npm ci` (make does)")
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in range(3):  # Lighthouse sometimes loses a trace ("NO_NAVSTART ... run Lighthouse again")
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180, check=False)  # noqa: S603
        if done.returncode == 0:
            break
        if attempt == 2 or "Please run Lighthouse again" not in done.stderr:
            raise RuntimeError(f"lighthouse failed on {url} ({form_factor}): {done.stderr.strip()[-2000:]}")
    report = json.loads(done.stdout)
    audits = report["audits"]
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
    }


def below_target(result):
    return result["performance"] < MIN_PERFORMANCE or result["cls"] >= MAX_CLS


def measure(base_url, runs, log=print, confirm=2):
    """Lighthouse on each (page, language, form factor) of ``runs``. A run below the targets is repeated
    ``confirm`` more times and each figure's median kept: Lighthouse's scores vary from run to run (its
    documentation advises the median of several), so one slow run is not taken for a regression."""
    results = []
    for page, language, form_factor in runs:
        url = url_of(base_url, page, language)
        result = {"page": page, "language": language, "form_factor": form_factor, "url": url, "runs": 1}
        result.update(lighthouse(url, form_factor))
        if below_target(result) and confirm:
            tries = [result, *({**result, **lighthouse(url, form_factor)} for _ in range(confirm))]
            for figure in ("performance", "cls", "lcp_ms", "fcp_ms", "tbt_ms"):
                result[figure] = statistics.median(t[figure] for t in tries)
            result["runs"] = len(tries)
        log(
            f"{page:24} {language} {form_factor:7} performance {result['performance']:3}  CLS {result['cls']:.3f}  "
            f"LCP {result['lcp_ms']:5} ms  TBT {result['tbt_ms']:4} ms"
            + (f"  (median of {result['runs']} runs)" if result["runs"] > 1 else "")
        )
        results.append(result)
    return results


def failures(results):
    """The runs below the issue's thresholds, as readable lines (empty when all pass)."""
    return [
        f"{r['url']} ({r['form_factor']}): performance {r['performance']} (min {MIN_PERFORMANCE}), "
        f"CLS {r['cls']} (max {MAX_CLS})"
        for r in results
        if below_target(r)
    ]


def table(results):
    """A Markdown table for the README: one row per page, a column per language and size."""
    columns = [(language, form) for language in LANGUAGES for form in FORM_FACTORS]
    by_key = {(r["page"], r["language"], r["form_factor"]): r for r in results}
    lines = [
        "| page | " + " | ".join(f"{language} {form}" for language, form in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for page in PAGES:
        cells = []
        for language, form in columns:
            r = by_key.get((page, language, form))
            cells.append(f"{r['performance']} / {r['cls']:.3f}" if r else "–")
        lines.append(f"| {page} (`{PAGES[page]}`) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, static_root):
    """The environment of a production server on plain HTTP (no proxy in front), for the subprocesses."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.lighthouse_settings",
        "DJANGO_SECRET_KEY": "lighthouse-only-secret-key-never-used-elsewhere-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "LIGHTHOUSE_STATIC_ROOT": str(static_root),
    }


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True, capture_output=True, timeout=600)  # noqa: S603


@contextlib.contextmanager
def served(database_url, seed=False):
    """Collect static files into a temporary folder, start gunicorn with the repository's configuration (debug
    off) on a free port, yield its URL."""
    with tempfile.TemporaryDirectory(prefix="techdiplo-lighthouse-") as static_root:
        env = production_env(database_url, static_root)
        if seed:
            manage(env, "migrate", "--no-input")
            manage(env, "seed_demo")
        manage(env, "collectstatic", "--no-input")
        port = free_port()
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "techdiplo.wsgi"]  # as README serves
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.DEVNULL)  # noqa: S603
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base_url}/healthz", server)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_up(url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            if response.status == 200:  # our own server, on the loopback address
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", action="store_true", help="only the representative runs the test makes")
    parser.add_argument("--base-url", help="measure a running site instead of serving one")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    runs = matrix(subset=args.subset)
    started = time.monotonic()
    if args.base_url:
        results = measure(args.base_url.rstrip("/"), runs)
    else:
        database_url = os.environ.get("DATABASE_URL")
        if not database_url:
            sys.exit("DATABASE_URL is not set: run under scripts/postgres.py (make lighthouse does).")
        with served(database_url, seed=True) as base_url:
            results = measure(base_url, runs)
    print(f"\n{len(results)} runs in {time.monotonic() - started:.0f} s (performance / CLS)\n")
    print(table(results))
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    problems = failures(results)
    for line in problems:
        print(f"BELOW TARGET: {line}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
