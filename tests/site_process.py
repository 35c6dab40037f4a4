"""A real gunicorn serving the site from another process, for tests that need one (freshness, outages).

``SiteProcess(database_url)`` starts ``gunicorn techdiplo.wsgi`` with one worker on a free port, with the
test settings and production's persistent connections (``tests/server_settings.py``), and waits until it
answers. ``get()`` reads a page as a visitor would (optionally with a session cookie).
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def url_of(settings_dict):
    """A ``DATABASE_URL`` for a connection's settings (the test database, once it exists)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host = quote(settings_dict["HOST"] or "", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(settings_dict['NAME'], safe='')}"


def database_url_of_tests():
    return url_of(connection.settings_dict)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        return json.loads(self.body)


class SiteProcess:
    def __init__(self, database_url, settings_module="tests.server_settings"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": database_url,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "techdiplo.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait()

    def _wait(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start listening in 30 s")

    def get(self, path, session=None):
        """GET ``path``: a Response whatever the status (a 404 or 503 is an answer, not an error)."""
        request = urllib.request.Request(self.url + path)  # noqa: S310 (our own http URL)
        if session:
            request.add_header("Cookie", f"sessionid={session}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our own http URL)
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
