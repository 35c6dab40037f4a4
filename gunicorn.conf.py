"""How gunicorn serves techdiplo: `gunicorn -c gunicorn.conf.py techdiplo.wsgi` (README.md, "Serving").

Every value can be changed from the environment without editing this file: the variables below, or any
gunicorn option through GUNICORN_CMD_ARGS (e.g. GUNICORN_CMD_ARGS="--workers 5"), which wins over this file.
"""

import multiprocessing
import os

from observability.logs import chosen_format, gunicorn_logconfig


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Behind a proxy on the same host by default; GUNICORN_BIND=0.0.0.0:8000 for a load balancer elsewhere (then
# let only the load balancer reach that port: it is trusted for X-Forwarded-Proto and X-Forwarded-For).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, not one request per process: a long export (which can take tens of seconds) holds one thread,
# not a whole worker, so the other threads keep answering. Processes use the cores (one GIL each); threads
# cover the time a request waits on PostgreSQL or on a slow client. The measurement behind the numbers is in
# README.md, "Serving".
worker_class = "gthread"
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1)
threads = env_int("GUNICORN_THREADS", 4)
# Heavy requests (exports) are bounded in the application (fairuse/slots.py): HEAVY_REQUEST_SLOTS across every
# server, and per worker process to fewer than `threads` at once, so every process keeps a thread for pages; that
# bound reads GUNICORN_THREADS, which is passed on to the workers here so that it always matches the thread count
# actually in use.
raw_env = [f"GUNICORN_THREADS={threads}"]
# Each thread keeps its own database connection (CONN_MAX_AGE): workers x threads connections per host.

# A gthread worker answers the arbiter's heartbeat from its main thread while requests run in the others, so
# `timeout` only restarts a worker that is stuck as a whole, and never cuts a long export short.
timeout = env_int("GUNICORN_TIMEOUT", 60)
# On a restart or a deploy (HUP, max_requests) a worker finishes what it is sending before it stops: long
# enough for the longest legitimate response, an XLSX of every initiative downloaded by a slow client.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 120)
# Idle keep-alive connections behind a proxy; each one holds a thread while it waits.
keepalive = 5
# Workers are replaced now and then (memory a long-running Python process never gives back), not all at once.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Request size limits. A search URL carries every selected facet value, so the request line may be longer than
# gunicorn's default of 4094 bytes; 8190 is gunicorn's ceiling. Headers keep gunicorn's defaults.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The proxies whose X-Forwarded-* headers gunicorn believes (comma-separated addresses, "*" for any).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One access line per request is written by Django (observability.middleware, with the request id and the
# whole duration of a streamed export), so gunicorn writes none; its own lines (start, stop, worker restarts)
# come out in the site's log format on standard error.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "INFO").lower()
logconfig_dict = gunicorn_logconfig(loglevel.upper(), chosen_format(os.environ.get("DJANGO_LOG_FORMAT"), debug=False))
