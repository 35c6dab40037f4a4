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


def frame_file(frame):
    return frame.rpartition("(")[2]


BUCKETS = [
    ("SQL: psycopg and PostgreSQL", lambda frames: any("/psycopg/" in frame_file(f) for f in frames)),
    ("ORM: building queries, making objects", lambda frames: any("/django/db/" in frame_file(f) for f in frames)),
    ("templates", lambda frames: any("/django/template/" in frame_file(f) for f in frames)),
    (
        "JSON encoding",
        lambda frames: any(
            frame_file(f).startswith(("json/", "encoder.py")) or "/json/" in frame_file(f) for f in frames
        ),
    ),
    ("the view's own Python", lambda frames: any(f.startswith("_get_response ") for f in frames)),
    ("middleware and Django's request/response", lambda frames: any("/django/" in frame_file(f) for f in frames)),
    ("gunicorn: reading requests, writing responses", lambda frames: True),
]
IN_A_REQUEST = ("handle (", "handle_request (")


def is_serving(frames):
    return any(f.startswith(IN_A_REQUEST) and "gunicorn/workers/" in f for f in frames)


def view_of(frames):
    """The first frame of the project's own code below Django's ``_get_response``: the view."""
    for index, frame in enumerate(frames):
        if frame.startswith("_get_response "):
            for inner in frames[index + 1 :]:
                if "site-packages" not in inner and "/lib/python" not in inner:
                    return inner.split(":")[0] + ")"
            return "(Django's own view)"
    return "(outside any view: middleware, gunicorn)"


def analyse(lines):
    """``(totals by bucket, {view: Counter by bucket})`` in samples."""
    totals, by_view = Counter(), defaultdict(Counter)
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
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
