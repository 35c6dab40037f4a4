"""The median of several ``make bench`` results on each side of a change, measure by measure.

    python bench/ab/compare.py "bench/ab/issue11-after-*.json" "bench/ab/issue11-before-*.json"

Prints every measure both sides have (headline figures, each search case's page, API and reference admin p50
and p95, detail pages, editors' changelists), the median of each side and their ratio, marking a side more than
10% slower than the other.
"""

import glob
import json
import statistics
import sys
from pathlib import Path

GROUPS = ("details", "editor_changelists", "suggestions", "feeds", "api_records")
MARGIN = 1.10


def measures(result):
    """``{name: value}`` of one ``bench/results.json``."""
    found = {k: v for k, v in result.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    for case in result.get("cases", []):
        for kind, measured in case.items():
            if isinstance(measured, dict) and measured.get("status") == "ok":
                found[f"{case['case']} | {kind} p50"] = measured["p50_ms"]
                found[f"{case['case']} | {kind} p95"] = measured["p95_ms"]
    for group in GROUPS:
        for name, measured in (result.get(group) or {}).items():
            if isinstance(measured, dict) and measured.get("status") == "ok" and "p95_ms" in measured:
                found[f"{group}: {name} p95"] = measured["p95_ms"]
    return found


def load(pattern):
    paths = sorted(glob.glob(pattern))
    if not paths:
        sys.exit(f"No file matches {pattern}")
    return [measures(json.loads(Path(path).read_text(encoding="utf-8"))) for path in paths]


def main(after_pattern, before_pattern):
    after, before = load(after_pattern), load(before_pattern)
    names = [name for name in after[0] if all(name in runs for runs in after + before)]
    print(f"{'measure':60s} {'after':>9s} {'before':>9s} {'ratio':>6s}")
    for name in names:
        a = statistics.median(runs[name] for runs in after)
        b = statistics.median(runs[name] for runs in before)
        ratio = a / b if b else float("nan")
        flag = "  more than 10% slower" if b and a > MARGIN * b else ""
        print(f"{name:60s} {a:9.1f} {b:9.1f} {ratio:6.2f}{flag}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
