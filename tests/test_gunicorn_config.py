"""gunicorn.conf.py: a long response is never cut off, a restart lets it finish, long search URLs pass.

Each test starts a real gunicorn with the repository's configuration, in its own process group, on a free port,
serving a tiny application (tests/slow_wsgi.py) whose responses take as long as asked.
"""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import PROJECT_ROOT
from tests.processes import free_port, http_get, stop_group, wait_until_answers


def get(port, target):
    status, _, body = http_get(port, target)
    return status, body


@pytest.fixture
def gunicorn(tmp_path):
    """Starts gunicorn -c gunicorn.conf.py with extra environment; yields (port, process, log path)."""
    started = []

    def start(**env):
        port = free_port()
        log = tmp_path / f"gunicorn-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tests.slow_wsgi:application"],
                cwd=PROJECT_ROOT,
                env={"PATH": os.environ.get("PATH", ""), "GUNICORN_BIND": f"127.0.0.1:{port}", **env},
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(process)
        wait_until_answers(process, port, log)
        return port, process, log

    yield start
    for process in started:
        stop_group(process, grace=0)


def test_a_response_longer_than_the_timeout_is_not_cut_off(gunicorn):
    # The worker's heartbeat comes every second at most, so 2 s is the shortest time-out that means anything.
    port, _, log = gunicorn(GUNICORN_TIMEOUT="2", WEB_CONCURRENCY="1")
    status, body = get(port, "/?seconds=5")
    assert status == 200 and body.endswith(b"done\n") and len(body) == 5000 + 5
    assert "WORKER TIMEOUT" not in log.read_text()


def test_a_restart_lets_a_response_in_progress_finish(gunicorn):
    port, process, log = gunicorn(WEB_CONCURRENCY="1")
    outcome = {}
    download = threading.Thread(target=lambda: outcome.update(result=get(port, "/?seconds=3")))
    download.start()
    time.sleep(1)
    os.kill(process.pid, signal.SIGHUP)  # what a deploy does: new workers, the old one finishes first
    download.join(timeout=30)
    status, body = outcome["result"]
    assert status == 200 and body.endswith(b"done\n")
    assert "Hang up" in log.read_text() or "Handling signal: hup" in log.read_text()


def test_a_long_search_url_is_accepted_and_an_oversized_one_refused_with_414(gunicorn):
    port, _, _ = gunicorn(WEB_CONCURRENCY="1")
    long_query = "&".join(f"country=C{i % 100:02d}" for i in range(670))  # about 8,000 bytes
    assert 4094 < len(f"GET /?{long_query} HTTP/1.1") < 8190 < len(f"GET /?{long_query}{'x' * 400} HTTP/1.1")
    assert get(port, f"/?{long_query}")[0] == 200
    assert get(port, f"/?{long_query}{'x' * 400}")[0] == 414  # URI Too Long


def test_gunicorns_own_lines_are_json_like_the_sites(gunicorn):
    import json

    _, process, log = gunicorn(WEB_CONCURRENCY="1")
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert {"Booting worker", "Shutting down: Master"} <= {line["message"].split(" with pid")[0] for line in lines}
    assert all(line["logger"] == "gunicorn.error" and line["time"] for line in lines)


def test_the_configuration_uses_threads_and_the_environment(monkeypatch):
    namespace = {}
    config = PROJECT_ROOT / "gunicorn.conf.py"
    exec(compile(config.read_text(), str(config), "exec"), namespace)  # noqa: S102 - our own file
    assert namespace["worker_class"] == "gthread"
    assert namespace["workers"] == os.cpu_count() + 1 or "WEB_CONCURRENCY" in os.environ
    assert namespace["threads"] >= 2
    assert namespace["raw_env"] == [f"GUNICORN_THREADS={namespace['threads']}"]
    assert namespace["graceful_timeout"] >= 60 and namespace["max_requests_jitter"] > 0
    assert namespace["accesslog"] is None
