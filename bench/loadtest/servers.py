"""The gunicorn configurations the load test compares, started as production starts them, and stopped for sure.

Each runs in its own process group with the production settings (debug off, a secret made for the run,
``DJANGO_BEHIND_PROXY=1``, the collected static files) against ``DATABASE_URL``; its log goes to a file.
"""

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Configuration:
    name: str
    label: str
    arguments: tuple  # after `python -m gunicorn`; {bind} is replaced
    users: tuple  # Locust user classes
    env: dict = field(default_factory=dict)


CONFIGURATIONS = {
    config.name: config
    for config in (
        Configuration(
            "old",
            "sync, 3 workers, gunicorn's defaults (the README before gunicorn.conf.py)",
            ("-c", "python:bench.loadtest.gunicorn_defaults", "techdiplo.wsgi", "--workers", "3", "--bind", "{bind}"),
            ("Visitor", "Editor"),
        ),
        Configuration(
            "new",
            "gunicorn -c gunicorn.conf.py (the repository's configuration)",
            ("-c", "gunicorn.conf.py", "techdiplo.wsgi"),
            ("Visitor", "Editor"),
        ),
        Configuration(
            "trivial",
            "a trivial view on gunicorn.conf.py (the framework's ceiling)",
            ("-c", "gunicorn.conf.py", "techdiplo.wsgi"),
            ("TrivialVisitor",),
            {"DJANGO_SETTINGS_MODULE": "bench.loadtest.trivial_settings"},
        ),
    )
}


# Settings the load test changes on purpose, for every configuration (or for one run: --server-env NAME=VALUE):
# its users all come from one address, so the rate limits are off and the figures measure the site, not the limits.
LOAD_TEST_ENV = {f"RATE_LIMIT_{kind}": "0" for kind in ("API", "DOWNLOADS", "FEEDS", "SEARCH")}


def production_env(database_url, secret_key, extra=None):
    """The environment of a production server (README.md, "Deployment"), nothing inherited but PATH."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "techdiplo.settings",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DJANGO_BEHIND_PROXY": "1",
        **LOAD_TEST_ENV,
        **(extra or {}),
    }


class Server:
    """``Server(configuration, port, env, log).start()`` serves until ``stop()``; ``pid`` is gunicorn's master."""

    def __init__(self, configuration, port, env, log):
        self.configuration, self.port, self.log = configuration, port, Path(log)
        self.env = {**env, **configuration.env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        arguments = [part.replace("{bind}", f"127.0.0.1:{port}") for part in configuration.arguments]
        self.command = [sys.executable, "-m", "gunicorn", *arguments]
        self.process = None

    @property
    def pid(self):
        return self.process.pid

    def start(self, timeout=60):
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(  # noqa: S603
                self.command, cwd=PROJECT_ROOT, env=self.env, stdout=output, stderr=output, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while self.status("/healthz") != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn ({self.configuration.name}) did not answer /healthz; see {self.log}")
            time.sleep(0.3)
        return self

    def status(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            return connection.getresponse().status
        except OSError:
            return None
        finally:
            connection.close()

    def stop(self, grace=30):
        """TERM to the whole group (master and workers), KILL what is left after ``grace`` seconds."""
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=grace)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
