"""A visitor's detail page while three analysts download every initiative as XLSX, on a real gunicorn.

Served as production serves it (``gunicorn -c gunicorn.conf.py``: its workers, threads and the heavy-request
slots of the default settings) with the benchmark's settings, against the benchmark's database. Three clients
download ``/initiatives/export.xlsx`` back to back (a 503 for want of a slot is waited out as its
``Retry-After`` says, as a patient client would) while one visitor reads sampled detail pages one after the
other; first the same pages alone, for comparison. Prints nothing; returns the figures.
"""

import http.client
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

from initiatives.models import Initiative

from .harness import export_client, percentile
from .loadtest.servers import Configuration, Server, production_env

EXPORTERS = 3
EXPORT_PATH = "/initiatives/export.xlsx"
HEAD_START_SECONDS = 2  # the exports are under way before the first page is timed
PROXY = {"X-Forwarded-Proto": "https"}
SERVER = Configuration(
    "bench",
    "gunicorn -c gunicorn.conf.py with the benchmark's settings",
    ("-c", "gunicorn.conf.py", "techdiplo.wsgi"),
    (),
    {"DJANGO_SETTINGS_MODULE": "bench.settings"},
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers=None, stop=None):
    """Status and Retry-After of one GET, its whole body read (or until ``stop`` is set)."""
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection_.request("GET", path, headers={**PROXY, **(headers or {})})
        response = connection_.getresponse()
        while response.read(65536):
            if stop is not None and stop.is_set():
                break
        return response.status, response.getheader("Retry-After")
    finally:
        connection_.close()


def timed_pages(port, paths):
    times, statuses = [], set()
    for path in paths:
        started = time.perf_counter()
        status, _ = get(port, path)
        times.append((time.perf_counter() - started) * 1000)
        statuses.add(status)
    return times, statuses


def figures(times, statuses):
    if statuses != {200}:
        return {"status": f"HTTP {sorted(statuses)}"}
    return {
        "status": "ok",
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "n": len(times),
    }


class Exporter(threading.Thread):
    """Downloads the export again and again until ``stop``; counts finished files and busy answers."""

    def __init__(self, port, cookie, stop):
        super().__init__(daemon=True)
        self.port, self.cookie, self.stop = port, cookie, stop
        self.finished = self.busy = 0
        self.errors = []

    def run(self):
        while not self.stop.is_set():
            try:
                status, retry_after = get(self.port, EXPORT_PATH, {"Cookie": self.cookie}, self.stop)
            except OSError as exc:
                self.errors.append(repr(exc))
                return
            if status == 200 and not self.stop.is_set():
                self.finished += 1
            elif status == 503:
                self.busy += 1
                self.stop.wait(int(retry_after or 1))
            elif status != 200:
                self.errors.append(f"HTTP {status}")
                return


def run(database_url=None, samples=60, server_env=None):
    """``{"alone": {...}, "under_exports": {...}, "exports_finished", "exports_busy", "errors"}``, served from
    ``database_url`` (``DATABASE_URL`` by default: the one this process uses); ``server_env`` adds to the
    server's environment (``{"HEAVY_REQUEST_SLOTS": "1"}``)."""
    client = export_client()
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pks = list(Initiative.objects.published().order_by("pk").values_list("pk", flat=True))
    chosen = random.Random(3).sample(pks, min(samples, len(pks)))  # noqa: S311 (a sample, not a secret)
    paths = [obj.get_absolute_url() for obj in Initiative.objects.filter(pk__in=chosen)]
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"techdiplo-bench-under-load-{port}.log"
    # This process's secret: the analysts' session was signed with it.
    env = production_env(database_url or os.environ["DATABASE_URL"], settings.SECRET_KEY, server_env)
    server = Server(SERVER, port, env, log).start()
    stop = threading.Event()
    exporters = [Exporter(port, cookie, stop) for _ in range(EXPORTERS)]
    try:
        timed_pages(port, paths[:5])  # each worker's first requests: imports and connections, off the clock
        alone = figures(*timed_pages(port, paths))
        for exporter in exporters:
            exporter.start()
        time.sleep(HEAD_START_SECONDS)
        under = figures(*timed_pages(port, paths))
    finally:
        stop.set()
        for exporter in exporters:
            exporter.join(timeout=60)
        server.stop()
    return {
        "alone": alone,
        "under_exports": under,
        "exporters": EXPORTERS,
        "export": EXPORT_PATH,
        "exports_finished": sum(e.finished for e in exporters),
        "exports_busy": sum(e.busy for e in exporters),
        "errors": [error for e in exporters for error in e.errors],
    }
