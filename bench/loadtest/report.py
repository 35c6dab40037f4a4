"""The load test's figures as text: one line per run while it goes, then a table per run, and README rows.

python -m bench.loadtest.report bench/loadtest/results-100000.json   # the table again, and the README rows
"""

import json
import sys

WIDTHS = (8, 7, 6, 6, 6, 6, 5)
SHAPE_LABELS = {"busy": "50 users, no pauses", "pausing": "200 users, 1-3 s pauses"}


def line(configuration, shape, summary):
    total = summary["total"]
    return (
        f"{configuration:>8} {shape:<8} {total['rps']:8.1f} req/s  p50 {total['p50_ms']:>6} ms  "
        f"p95 {total['p95_ms']:>6} ms  p99 {total['p99_ms']:>6} ms  "
        f"errors {total['errors']}  429 {total['rate_limited']}"
        f"  (load before {summary['load_average_before'][0]:.1f})"
    )


def table(results):
    lines = [
        f"\n{results['initiatives']:,} initiatives, {results['cores']} cores, {results['duration_s']:.0f} s measured "
        f"after {results['warmup_s']:.0f} s of warm-up per run; load average at the start "
        f"{results['load_average_at_start'][0]:.2f}"
    ]
    for name, configuration in results["configurations"].items():
        for shape, summary in configuration["shapes"].items():
            lines.append(f"\n{name}: {configuration['label']} — {SHAPE_LABELS.get(shape, shape)}")
            lines.append(f"  {configuration['command']}")
            cores = ", ".join(f"{party} {value:.2f}" for party, value in (summary.get("cores_used") or {}).items())
            lines.append(f"  load average before {summary['load_average_before'][0]:.2f}; cores used: {cores}")
            off = {name: why for name, why in summary["optional_endpoints"].items() if why is not True}
            if off:
                lines.append("  not in the mix (not there yet): " + "; ".join(f"{n} ({why})" for n, why in off.items()))
            header = ("requests", "req/s", "p50", "p95", "p99", "errors", "429")
            lines.append(f"  {'endpoint':<22} " + " ".join(f"{h:>{w}}" for h, w in zip(header, WIDTHS, strict=True)))
            rows = [*summary["endpoints"].items(), ("all", summary["total"])]
            for endpoint, row in rows:
                lines.append(
                    f"  {endpoint:<22} {row['requests']:>8} {row['rps']:>7.1f} {row['p50_ms']:>6} {row['p95_ms']:>6} "
                    f"{row['p99_ms']:>6} {row['errors']:>6} {row['rate_limited']:>5}"
                )
            for message, count in summary["error_messages"]:
                lines.append(f"  error x{count}: {message}")
    return "\n".join(lines)


def markdown_rows(results):
    """One row per configuration and shape, for README.md's table (times in ms)."""
    rows = []
    for name, configuration in results["configurations"].items():
        for shape, summary in configuration["shapes"].items():
            total = summary["total"]
            rows.append(
                f"| {results['initiatives']:,} | {name} | {SHAPE_LABELS.get(shape, shape)} | {total['rps']:.0f} | "
                f"{total['p50_ms']} | {total['p95_ms']} | {total['p99_ms']} | {total['errors']} | "
                f"{summary['load_average_before'][0]:.1f} |"
            )
    return "\n".join(rows)


def ratio(results, shape="busy"):
    """Requests per second of the new configuration over the old one's, or None when either is missing."""
    shapes = {name: c["shapes"].get(shape) for name, c in results["configurations"].items()}
    if shapes.get("new") and shapes.get("old") and shapes["old"]["total"]["rps"]:
        return shapes["new"]["total"]["rps"] / shapes["old"]["total"]["rps"]
    return None


if __name__ == "__main__":
    loaded = json.loads(open(sys.argv[1]).read())  # noqa: SIM115
    print(table(loaded))
    print(markdown_rows(loaded))
    if ratio(loaded):
        print(f"new / old, 50 users without pauses: {ratio(loaded):.2f}x")
