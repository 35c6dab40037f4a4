"""The maps and timeline (issue 13) in ``make bench``.

- Each search case of the initiatives page, and the partnerships page, with them and without them
  (``SEARCH_FIGURES``), timed alternately in three rounds so that both see the same state of the machine.
  ``figures_overhead_ms`` is the median over the cases of the difference of their medians of the rounds'
  medians (the issue's budget: 10 ms at 100,000 initiatives).
- The partnership-lines map over every published partnership (10,000 at 100,000 initiatives, less the
  drafts), its two queries and its drawing: first drawn (the figure cache emptied before each run, as after
  an edit) and drawn again (cached by content hash). ``lines_map_p95_ms`` is the first-drawn p95 (the issue's
  target: 150 ms).
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from maps import figure
from partnerships.figures import lines_map
from partnerships.models import SubnationalPartnership

from .harness import MIN_SAMPLES, measure, percentile, search_cases, with_query

PARTNERSHIPS_URL = "/partnerships/"
ROUNDS = 3  # each side measured three times, alternating: a slow spell of the machine falls on both
LINES_TARGET_MS = 150


def cases():
    searches = {name: with_query("/initiatives/", params) for name, (params, _admin) in search_cases().items()}
    return {**searches, "partnerships": PARTNERSHIPS_URL, "partnerships, one country": f"{PARTNERSHIPS_URL}?country=US"}


def run_figures(repeat, budget=None):
    """``{"cases": [{case, url, with, without, overhead_ms}], "figures_overhead_ms"}``."""
    client = Client()
    rows = []
    for name, url in cases().items():
        runs = {True: [], False: []}
        for _ in range(ROUNDS):
            for drawn in (True, False):
                with override_settings(SEARCH_FIGURES=drawn):
                    runs[drawn].append(measure(client, url, max(repeat // ROUNDS, 1), budget=budget))
        row = {"case": name, "url": url, "with": _merged(runs[True]), "without": _merged(runs[False])}
        if row["with"]["status"] == row["without"]["status"] == "ok":
            row["overhead_ms"] = round(row["with"]["p50_ms"] - row["without"]["p50_ms"], 1)
        rows.append(row)
    overheads = [row["overhead_ms"] for row in rows if "overhead_ms" in row]
    return {"cases": rows, "figures_overhead_ms": round(statistics.median(overheads), 1) if overheads else None}


def _merged(results):
    """One result of several runs of a case: the median of their medians, the worst p95, the queries."""
    ok = [r for r in results if r["status"] == "ok"]
    if len(ok) < len(results):
        return next(r for r in results if r["status"] != "ok")
    return {
        "status": "ok",
        "p50_ms": round(statistics.median(r["p50_ms"] for r in ok), 1),
        "p95_ms": max(r["p95_ms"] for r in ok),
        "queries": max(r["queries"] for r in ok),
        "n": sum(r["n"] for r in ok),
    }


def run_lines(repeat, budget=None):
    """``{"partnerships", "queries", "first" and "again": {p50_ms, p95_ms, n}, "lines_map_p95_ms"}``."""
    partnerships = SubnationalPartnership.objects.published()
    result = {"partnerships": partnerships.count(), "target_p95_ms": LINES_TARGET_MS}
    with CaptureQueriesContext(connection) as queries:
        drawn = lines_map(partnerships.all())  # a fresh queryset each time: nothing read is reused
    result["queries"], result["lines"] = len(queries), len(drawn.rows) if drawn else 0
    for name, cold in (("first", True), ("again", False)):
        times = []
        deadline = time.perf_counter() + budget if budget else None
        for _ in range(repeat):
            if cold:
                figure.forget()
            started = time.perf_counter()
            lines_map(partnerships.all())
            times.append((time.perf_counter() - started) * 1000)
            if deadline and time.perf_counter() > deadline and len(times) >= MIN_SAMPLES:
                break
        result[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "n": len(times),
        }
    result["lines_map_p95_ms"] = result["first"]["p95_ms"]
    return result


def lines_table(lines):
    first, again = lines["first"], lines["again"]
    verdict = "within" if first["p95_ms"] <= lines["target_p95_ms"] else "OVER"
    return (
        f"partnership-lines map over {lines['partnerships']:,} partnerships ({lines['lines']:,} lines, "
        f"{lines['queries']} queries): first drawn p50 {first['p50_ms']:g} / p95 {first['p95_ms']:g} ms "
        f"({verdict} the {lines['target_p95_ms']} ms target), drawn again p50 {again['p50_ms']:g} / "
        f"p95 {again['p95_ms']:g} ms"
    )


def table(figures):
    lines = ["maps and timeline (issue 13): page p50 with / without them, ms"]
    for row in figures["cases"]:
        done, left = row["with"], row["without"]
        if "overhead_ms" not in row:
            lines.append(f"  {row['case']:<26} {done.get('status')} / {left.get('status')}")
            continue
        lines.append(
            f"  {row['case']:<26} {done['p50_ms']:>7g} / {left['p50_ms']:<7g} "
            f"(+{row['overhead_ms']:g}; queries {done['queries']} / {left['queries']})"
        )
    lines.append(f"  median overhead: {figures['figures_overhead_ms']} ms")
    return "\n".join(lines)
