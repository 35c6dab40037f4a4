"""The search pages' maps and timeline (issue 13) in ``make bench``: each search case of the initiatives page,
and the partnerships page, with them and without them (``SEARCH_FIGURES``), timed alternately so that both
see the same state of the machine. ``figures_overhead_ms`` is the median over the cases of the difference of
their medians (the issue's budget: 10 ms at 100,000 initiatives)."""

import statistics

from django.test import Client
from django.test.utils import override_settings

from .harness import measure, search_cases, with_query

PARTNERSHIPS_URL = "/partnerships/"
ROUNDS = 2  # each side measured twice, alternating: a slow spell of the machine falls on both


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
