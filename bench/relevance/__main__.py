"""``make relevance``: how well the search finds what people look for, on the judged query set.

    python -m bench.relevance [--setup] [--verbose] [--json FILE] [--set FILE] [--refresh-judgments]

Asks every query of ``bench/relevance/queries.json`` through the public URLs (the register APIs and the
one-box page, Django's test client in-process, against ``DATABASE_URL``; ``make relevance`` starts a
throwaway PostgreSQL and passes ``--setup``, which migrates and loads ``seed_demo``), then prints recall@20
and nDCG@10 per language, per register (the one-box apart), per category and for the whole set, beside the
issue's targets (recall@20 ≥ 0.95 and nDCG@10 ≥ 0.85 in each language), with misspellings and queries that
must find nothing reported apart. It measures: it exits 0 whether the targets are met or not.

recall@20 = |relevant ∩ first 20| / min(|relevant|, 20): the denominator is capped at 20 so a query with
more than 20 relevant records can still score 1.0. nDCG@10 = DCG@10 / IDCG@10 with DCG@10 =
Σ_{i≤10} (2^grade_i − 1) / log2(i + 1) (grade 0 for a record not judged relevant) and IDCG@10 the DCG of the
judged grades in the best order. Each figure is the mean over queries. ``bench/relevance/metrics.py`` has
the one-box's variant (what it shows, and what its "All N …" links reach).

The judgments assume the demo data and nothing else: the command first re-derives them and warns when they
moved (``--refresh-judgments`` rewrites them; review and commit the diff).
"""

import argparse
import io
import json
import os
import sys
import warnings
from pathlib import Path

from .judgments import QUERIES, REFRESH_HINT

LANGUAGE_NAMES = {"en": "English", "ja": "Japanese"}
GROUP_NAMES = {"search": "one-box"}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    # whitenoise warns that collectstatic has not run: no page here needs a static file.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def number(value):
    return "    –" if value is None else f"{value:.3f}"


def line(name, group, verdict=""):
    text = f"  {name:<30}{group['queries']:>8}  {number(group['recall']):>9}  {number(group['ndcg']):>8}  {verdict}"
    return text.rstrip()


def table(summary, path, verbose=False):
    targets = summary["targets"]
    rows = summary["queries"]
    out = [
        f"Search quality: {len(rows)} judged queries ({os.path.relpath(path)}), {summary['all']['queries']} scored",
        f"Targets in each language: recall@20 ≥ {targets['recall_at_20']}, nDCG@10 ≥ {targets['ndcg_at_10']}",
        "",
        f"  {'':<30}{'queries':>8}  {'recall@20':>9}  {'nDCG@10':>8}",
    ]
    for language, group in summary["languages"].items():
        out.append(line(LANGUAGE_NAMES[language], group, "pass" if group["meets_targets"] else "FAIL"))
    out.append("")
    for register, group in summary["registers"].items():
        out.append(line(GROUP_NAMES.get(register, register), group))
    out.append(line("all", summary["all"]))
    out += ["", "  by category:"]
    out += [line(category, group) for category, group in summary["categories"].items()]
    misspelled = summary["misspelled"]
    typed, after = misspelled["as_typed"], misspelled["after_suggestion"]
    out += [
        "",
        f"Misspelled queries ({typed['queries']}, not in the figures above):",
        line("as typed", typed),
        line(f"after suggestion ({misspelled['suggestions_offered']} offered)", after),
    ]
    for row in summary["expect_none"]:
        verdict = "none, as it should" if row["count"] == 0 else f"{row['count']}: expected none"
        out.append(f"Must find nothing: {row['id']} “{row['query']}” found {verdict}")
    if summary["errors"]:
        out += ["", f"Errors ({len(summary['errors'])}):", *(f"  {error}" for error in summary["errors"])]
    if verbose:
        out += ["", "Per query (misses: relevant records not within the first 20, with their grade):"]
        out += [query_line(row) for row in rows]
    return "\n".join(out)


def query_line(row):
    if row["kind"] == "expect_none":
        return f"  {row['id']:<40} {row['query']!r}: found {row['count']} (expects none)"
    text = f"  {row['id']:<40} {row['query']!r}: {row['relevant']} relevant, found {row['count']}, "
    text += f"recall@20 {row['recall']:.2f}, nDCG@10 {row['ndcg']:.2f}"
    if row["kind"] == "misspelled":
        after = row["after_suggestion"]
        text += f"; suggestion {row['suggestion']!r}: recall@20 {after['recall']:.2f}, nDCG@10 {after['ndcg']:.2f}"
    if row["misses"]:
        text += "\n      misses: " + ", ".join(f"{key}:{grade}" for key, grade in row["misses"].items())
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", action="store_true", help="migrate and load the demo data (seed_demo) first")
    parser.add_argument("--verbose", "-v", action="store_true", help="also print every query with its misses")
    parser.add_argument("--json", metavar="FILE", help="write every figure and each query's first 20 results")
    parser.add_argument("--set", default=str(QUERIES), help="the judged query set (default: %(default)s)")
    parser.add_argument(
        "--refresh-judgments", action="store_true", help="rewrite the set's relevant records from its rules, and stop"
    )
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    from . import evaluate, judgments
    from .searcher import Searcher

    if args.setup:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", stdout=io.StringIO())
    if args.refresh_judgments:
        changed = judgments.refresh(args.set)
        print(f"Re-derived {args.set}: {len(changed)} entries changed {changed or ''}")
        return
    entries = judgments.entries(args.set)
    drifted = [message for entry in entries if (message := judgments.drift(entry))]
    if drifted:
        print(f"WARNING: {len(drifted)} judgments no longer match the data ({REFRESH_HINT}):", file=sys.stderr)
        print("\n".join(f"  {message}" for message in drifted), file=sys.stderr)
    summary = evaluate.run(Searcher(), entries)
    print(table(summary, args.set, args.verbose))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nWrote {args.json}")


if __name__ == "__main__":
    main()
