"""Locust users for ``make loadtest`` (started by ``bench/loadtest/run.py``; README.md, "Load test").

- ``Visitor``: anonymous visitors following the mix of ``bench/loadtest/mix.py``;
- ``Editor`` (``bench/loadtest/editor.py``): one editor saving a record every second through the admin;
- ``TrivialVisitor``: the same visitors asking only for the trivial view (``bench/loadtest/trivial_urls.py``).

Every request comes as through the README's proxy: ``X-Forwarded-Proto: https`` (the site redirects plain
HTTP) and ``X-Forwarded-For``. Configured by the environment the runner sets:

| variable | meaning |
| --- | --- |
| ``LOADTEST_PAUSE`` | ``0`` (no pause between a visitor's requests) or ``1-3`` (seconds, uniform) |
| ``LOADTEST_WARMUP`` | seconds after the start whose requests are not counted |
| ``LOADTEST_TOUR`` | ``1``: each visitor first asks for every endpoint once (the CI test: every row filled) |
| ``LOADTEST_OUT`` | where the summary (JSON) is written when the run ends |
| ``LOADTEST_EDITOR_USERNAME``, ``LOADTEST_EDITOR_PASSWORD`` | the editor's account (made by the runner) |

A 429 is a success to Locust and counted apart (``rate_limited``): rate limits answer it by design. Any other
status than the one expected (200; a redirect after the editor's save) is an error.
"""

import json
import os
import random
import time
from collections import Counter

import gevent
import requests
from locust import FastHttpUser, between, constant, events, task

from bench.loadtest.editor import Editor  # noqa: F401 (a user class Locust finds here)
from bench.loadtest.mix import Catalogue
from bench.loadtest.proxy import PROXY_HEADERS, RATE_LIMITED, check

TRIVIAL_PATH = "/bench-trivial/"
STATE = {"catalogue": None, "measured_from": None, "measured_to": None}


def configured_pause():
    low, _, high = os.environ.get("LOADTEST_PAUSE", "0").partition("-")
    return between(float(low), float(high)) if high else constant(float(low))


class Visitor(FastHttpUser):
    wait_time = configured_pause()

    def on_start(self):
        self.rng = random.Random()  # noqa: S311 (a visitor's choices, not a secret)
        self.endpoints = STATE["catalogue"].endpoints()
        self.weights = [weight for _, weight, _ in self.endpoints]
        if os.environ.get("LOADTEST_TOUR") == "1":
            for name, _, build in self.endpoints:
                self.visit(name, build(STATE["catalogue"], self.rng))

    @task
    def follow_the_mix(self):
        name, _, build = self.rng.choices(self.endpoints, weights=self.weights)[0]
        self.visit(name, build(STATE["catalogue"], self.rng))

    def visit(self, name, path):
        with self.client.get(
            path, name=name, headers=PROXY_HEADERS, catch_response=True, allow_redirects=False
        ) as response:
            check(response, name, expected=200)


class TrivialVisitor(FastHttpUser):
    wait_time = configured_pause()

    @task
    def trivial(self):
        with self.client.get(
            TRIVIAL_PATH, name="trivial view", headers=PROXY_HEADERS, catch_response=True, allow_redirects=False
        ) as response:
            check(response, "trivial view", expected=200)


@events.test_start.add_listener
def read_the_catalogue(environment, **_kwargs):
    """Once, before any user starts: what exists on this site (facet values, records, optional endpoints)."""
    if any(user_class is not TrivialVisitor for user_class in environment.user_classes):
        session = requests.Session()
        session.headers.update(PROXY_HEADERS)

        def get_json(path):
            answer = session.get(environment.host + path, timeout=120, allow_redirects=False)
            answer.raise_for_status()
            return answer.json()

        def get_status(path):
            return session.get(environment.host + path, timeout=120, allow_redirects=False).status_code

        STATE["catalogue"] = Catalogue.fetch(get_json, get_status)
    gevent.spawn(start_measuring_after, environment, float(os.environ.get("LOADTEST_WARMUP", "0")))


def start_measuring_after(environment, warmup):
    if warmup > 0:
        gevent.sleep(warmup)
        environment.runner.stats.reset_all()
        RATE_LIMITED.clear()
    STATE["measured_from"] = time.time()


@events.test_stop.add_listener
def stop_measuring(environment, **_kwargs):
    STATE["measured_to"] = time.time()


@events.quitting.add_listener
def write_summary(environment, **_kwargs):
    out = os.environ.get("LOADTEST_OUT")
    if out:
        with open(out, "w") as file:
            json.dump(summary(environment), file, indent=2, ensure_ascii=False)


def summary(environment):
    """Per endpoint and in total: requests, requests per second, p50/p95/p99 and mean (ms), errors, 429s."""
    stats = environment.runner.stats
    started, ended = STATE["measured_from"], STATE["measured_to"] or time.time()
    seconds = max((ended - started) if started else 0.0, 1e-9)

    def row(entry, limited):
        return {
            "requests": entry.num_requests,
            "rps": round(entry.num_requests / seconds, 2),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "mean_ms": round(entry.avg_response_time, 1),
            "max_ms": round(entry.max_response_time or 0),
            "errors": entry.num_failures,
            "rate_limited": limited,
        }

    # An endpoint asked only during the warm-up (the editor's sign-in) has no row.
    endpoints = {
        name: row(entry, RATE_LIMITED[name])
        for (name, _method), entry in sorted(stats.entries.items())
        if entry.num_requests
    }
    catalogue = STATE["catalogue"]
    return {
        "seconds": round(seconds, 1),
        "users": environment.runner.user_count,
        "total": row(stats.total, sum(RATE_LIMITED.values())),
        "endpoints": endpoints,
        "error_messages": Counter(
            {f"{error.name}: {error.error}": error.occurrences for error in stats.errors.values()}
        ).most_common(20),
        "optional_endpoints": catalogue.optional if catalogue else {},
    }
