"""A WSGI application for tests/test_gunicorn_config.py: answers after ``?seconds=`` seconds, a chunk every 0.1 s,
so gunicorn's own behaviour with the repository's configuration can be checked without the site around it."""

import time
from urllib.parse import parse_qs


def application(environ, start_response):
    seconds = float(parse_qs(environ.get("QUERY_STRING", "")).get("seconds", ["0"])[0])
    start_response("200 OK", [("Content-Type", "text/plain")])
    for _ in range(round(seconds * 10)):
        time.sleep(0.1)
        yield b"." * 100
    yield b"done\n"
