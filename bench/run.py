"""``make bench``: seed once, measure, print a table and write ``bench/results.json``.

    python -m bench.run [--scale 100000|small|N] [--repeat 20] [--admin-repeat 5] [--budget 20] [--out FILE]

Runs against ``DATABASE_URL`` (``make bench`` starts a PostgreSQL server whose
data is kept in ``bench/pgdata/<scale>``, see ``scripts/postgres.py``). The scale data is seeded on the first run
and reused while its counts match; another scale re-seeds. Each export runs in
a fresh subprocess, so its memory growth is its own. ``run_benchmark()`` is the
same measurement in-process (the CI-sized test calls it).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")
SMALL = 2000
RENAME_KEYS = ("renames", "rename_country_seconds", "rename_organization_seconds")


def scale_counts(value):
    """``"small"`` or a number of initiatives -> record counts (researchers half, partnerships a tenth)."""
    initiatives = SMALL if value == "small" else int(str(value).replace("_", "").replace(",", ""))
    return {"initiatives": initiatives, "researchers": initiatives // 2, "partnerships": initiatives // 10}


def ensure_scale_data(counts, log=print):
    from django.core.management import call_command

    from demo import scale

    existing = scale.existing_counts()
    if existing == counts:
        log(f"Reusing the seeded data: {counts}")
    else:
        log(f"Seeding {counts} (found {existing})")
        call_command("seed_scale", clear=True, **counts)
    compact(log)


def compact(log=print):
    """Rewrite the registers' tables to their rows' size and take their statistics again.

    Seeding indexes every record a second time (the text columns are filled after the rows), and a migration that
    re-indexes the records rewrites each row once more: the kept data's tables grow with their history (the
    initiatives' reached three and a half times their rows' size), and a run would measure that history. Every
    run measures tables as a restore or ``VACUUM FULL`` leaves them, then vacuumed once more, as autovacuum would
    soon do on a server: ``VACUUM FULL`` leaves the visibility map empty, so every index-only scan (a page's ids,
    from its sort's index) would read each row's page again.
    """
    from django.db import connection

    from search import registry

    tables = sorted({register.model._meta.db_table for register in registry.values()})
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (FULL, ANALYZE) {connection.ops.quote_name(table)}")
            cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
    log(f"Compacted {', '.join(tables)}")


def export_in_subprocess(fmt, rows):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "bench.settings")}
    command = [sys.executable, "-m", "bench.export_probe", fmt, str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if done.returncode != 0:
        return {"status": f"error: {done.stderr.strip().splitlines()[-1:] or done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_benchmark(
    repeat=20,
    admin_repeat=5,
    detail_samples=30,
    budget=None,
    exports_in_subprocess=False,
    under_load=False,
    out=RESULTS,
):
    """Measure everything against the current database and write ``out``; returns the results. With
    ``under_load``, also a detail page while exports run, on a gunicorn of its own (``bench/under_load.py``)."""
    from django.test.utils import override_settings

    from demo import scale
    from initiatives.models import Initiative

    from . import figures, harness, summary
    from .release import measure_release

    with override_settings(ROOT_URLCONF="bench.urls"):
        counts = scale.existing_counts()
        searches = harness.run_searches(repeat, admin_repeat, budget)
        maps = figures.run_figures(repeat, budget)
        lines = figures.run_lines(repeat, budget)
        details = harness.run_details(detail_samples)
        suggestions = harness.run_suggestions(repeat, budget)
        feeds = harness.run_feeds(repeat, budget)
        api_records = harness.run_api_records(detail_samples)
        changelists = harness.run_editor_changelists(admin_repeat, budget)
        renames = harness.run_renames()
        workbench = harness.run_workbench(repeat, budget)
        rows = Initiative.objects.published().count()
        harness.bench_user("bench-exporter", perms=["accounts.export_data"])
        measure = export_in_subprocess if exports_in_subprocess else harness.measure_export
        exports = {fmt: measure(fmt, rows) for fmt in harness.EXPORT_FORMATS}
        release = measure_release()
    loaded = run_under_load() if under_load else None
    results = summary.summarise(
        counts, searches, details, changelists, exports, suggestions, feeds, api_records, loaded, release
    )
    results.update(
        dict(
            zip(
                RENAME_KEYS,
                (renames, renames["country"].get("seconds"), renames["organization"].get("seconds")),
                strict=True,
            )
        )
    )
    results["figures_overhead_ms"], results["figures"] = maps["figures_overhead_ms"], maps["cases"]
    results["workbench"] = workbench
    results["lines_map_p95_ms"], results["lines_map"] = lines["lines_map_p95_ms"], lines
    Path(out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


def run_under_load():
    from . import under_load

    try:
        return under_load.run()
    except Exception as exc:  # a server that would not start must not cost the other figures
        return {"under_exports": {"status": f"error: {exc!r}"[:300]}}


def rerun_exports(out):
    """The exports measured again (each in its own process); every other figure comes from ``out``."""
    from initiatives.models import Initiative

    from . import harness, summary

    previous = json.loads(Path(out).read_text())
    harness.bench_user("bench-exporter", perms=["accounts.export_data"])
    rows = Initiative.objects.published().count()
    exports = {fmt: export_in_subprocess(fmt, rows) for fmt in harness.EXPORT_FORMATS}
    counts = {key: previous[key] for key in ("initiatives", "researchers", "partnerships")}
    parts = (previous["cases"], previous["details"], previous["editor_changelists"])
    results = summary.summarise(
        counts,
        *parts,
        exports,
        previous.get("suggestions", {}),
        previous.get("feeds", {}),
        previous.get("api_records", {}),
        previous.get("under_load"),
        previous.get("release"),
    )
    results.update({key: previous[key] for key in RENAME_KEYS if key in previous})
    results.update(
        {
            key: previous[key]
            for key in ("figures_overhead_ms", "figures", "workbench", "lines_map_p95_ms", "lines_map")
            if key in previous
        }
    )
    Path(out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="100000", help='initiatives to seed: a number or "small" (2,000)')
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per search, API case")
    parser.add_argument("--admin-repeat", type=int, default=5, help="timed requests per reference-admin case")
    parser.add_argument("--details", type=int, default=30, help="detail pages sampled per register")
    parser.add_argument("--budget", type=float, default=20, help="seconds per case after which timing stops early")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument(
        "--exports-only", action="store_true", help="measure the exports again, keep the other figures of --out"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from . import summary

    call_command("migrate", verbosity=0)
    ensure_scale_data(scale_counts(args.scale))
    if args.exports_only:
        results = rerun_exports(args.out)
    else:
        results = run_benchmark(
            args.repeat,
            args.admin_repeat,
            args.details,
            args.budget,
            exports_in_subprocess=True,
            under_load=True,
            out=args.out,
        )
    print(summary.table(results))
    if "figures" in results:
        from .figures import lines_table, table

        print("\n" + table({"cases": results["figures"], "figures_overhead_ms": results["figures_overhead_ms"]}))
        if "lines_map" in results:
            print(lines_table(results["lines_map"]))
    print(f"\nWrote {args.out}. For the README's table:\n{summary.markdown_header()}\n{summary.markdown_row(results)}")


if __name__ == "__main__":
    main()
