"""Helpers for tests that start a real gunicorn: a free port, raw HTTP requests, waiting, stopping for sure."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port, target, headers=None, timeout=30):
    """``(status, headers, body)`` of GET ``target``, sent as is (``//host/`` stays a path)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def wait_until_answers(process, port, log, path="/", timeout=30):
    """Polls ``path`` until it answers 200; fails with the log's end if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, f"the server stopped:\n{log.read_text()[-5000:]}"
        assert time.monotonic() < deadline, f"no answer after {timeout} s:\n{log.read_text()[-5000:]}"
        with contextlib.suppress(OSError):
            if http_get(port, path, timeout=2)[0] == 200:
                return
        time.sleep(0.3)


def stop_group(process, grace=20):
    """Stops a process started with ``start_new_session=True`` and all its children: TERM, then KILL."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
