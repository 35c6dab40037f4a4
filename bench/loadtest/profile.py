"""Where the workers' time goes under load, from py-spy's folded stacks of every gunicorn worker thread.

    make loadtest LOADTEST_ARGS="--configs new --shapes busy --profile 40"    # writes logs/<scale>/profile.txt
    .venv/bin/python -m bench.loadtest.profile bench/loadtest/logs/100000/profile.txt

py-spy samples every thread, waiting ones included (``--idle``), so a request's samples add up to its wall time
in the worker: the time a thread waits for PostgreSQL and for the GIL is counted where it waits. Samples of
threads that serve no request (idle threads, the workers' main loops, the master) are left out. Each sample goes
to the first bucket its stack matches, in the order of ``BUCKETS``, and to the view it ran under.
"""

import sys
from collections import Counter, defaultdict
from pathlib import Path

# The project's own packages (top-level folders with an __init__.py), wherever issue 11 moves them.
PROJECT = {path.parent.name for path in Path(__file__).resolve().parents[2].glob("*/__init__.py")} - {"bench"}


def parse(frame):
    """``"Class.method (package/module.py:12)"`` -> ``("Class.method", "package/module.py")``."""
    function, _, where = frame.rpartition(" (")
    return function, where.rstrip(")").rpartition(":")[0]


def under(*prefixes):
    return lambda frames: any(file.startswith(prefixes) for _, file in frames)


BUCKETS = [
    ("SQL: psycopg and PostgreSQL", under("psycopg/", "psycopg_binary/", "psycopg_c/")),
    ("ORM: building queries, making objects", under("django/db/")),
    ("templates", under("django/template/")),
    ("JSON encoding", under("json/")),
    ("the view's own Python", lambda frames: any(function.endswith("_get_response") for function, _ in frames)),
    ("middleware and Django's request/response", under("django/", *(f"{package}/" for package in PROJECT))),
    ("gunicorn: reading requests, writing responses", lambda frames: True),
]


def is_serving(frames):
    return any(
        file.startswith("gunicorn/workers/") and function.endswith("handle_request") for function, file in frames
    )


def view_of(frames):
    """The first frame of the project's own code below Django's ``_get_response``: the view."""
    for index, (function, _) in enumerate(frames):
        if function.endswith("_get_response"):
            for inner, file in frames[index + 1 :]:
                if file.split("/")[0] in PROJECT:
                    return f"{inner} ({file})"
            return "(Django's own view)"
    return "(outside any view: middleware, gunicorn)"


def analyse(lines):
    """``(totals by bucket, {view: Counter by bucket})`` in samples."""
    totals, by_view = Counter(), defaultdict(Counter)
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [parse(frame) for frame in stack.split(";")]
        if not is_serving(frames):
            continue
        bucket = next(name for name, matches in BUCKETS if matches(frames))
        totals[bucket] += int(count)
        by_view[view_of(frames)][bucket] += int(count)
    return totals, by_view


def shares(counter):
    total = sum(counter.values()) or 1
    return " | ".join(f"{100 * counter[name] / total:.0f}%" for name, _ in BUCKETS)


def report(totals, by_view, top=10):
    names = [name for name, _ in BUCKETS]
    lines = [
        f"{sum(totals.values())} samples of threads serving a request (each one is 1/rate s of one thread's wall time)",
        "",
        "| where | " + " | ".join(names) + " | samples |",
        "|---" * (len(names) + 2) + "|",
        f"| all requests | {shares(totals)} | {sum(totals.values())} |",
    ]
    for view, counter in sorted(by_view.items(), key=lambda item: -sum(item[1].values()))[:top]:
        lines.append(f"| {view} | {shares(counter)} | {sum(counter.values())} |")
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1]) as folded:
        print(report(*analyse(folded)))
