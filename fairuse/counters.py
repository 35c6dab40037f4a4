"""Fixed-window request counters in PostgreSQL, shared by every app server.

A window is a whole minute of the database's clock (one clock for every app server), so two servers counting
the same client add to the same row. Each counted request is one statement; windows that have ended are
deleted by each process at most once a minute, one more statement then.

Why not Django's cache with django-ratelimit: the project has no cache server on purpose, and Django's database
cache counts with a read and then a write (two requests at once both read 5 and both write 6) after a
``COUNT(*)`` of the whole table on every write; here the increment is one atomic upsert.
"""

import math
import threading
import time
from dataclasses import dataclass

from django.db import connection

WINDOW_SECONDS = 60

COUNT = """
INSERT INTO fairuse_counter AS counter (kind, client, window_end, hits)
VALUES (%(kind)s, %(client)s, to_timestamp((floor(extract(epoch FROM now()) / %(window)s) + 1) * %(window)s), 1)
ON CONFLICT (kind, client, window_end) DO UPDATE SET hits = counter.hits + 1
RETURNING counter.hits, extract(epoch FROM counter.window_end - now())
"""
PURGE = "DELETE FROM fairuse_counter WHERE window_end < now()"


class Every:
    """``due()`` is true at most once every ``seconds`` in this process (the first time at once)."""

    def __init__(self, seconds):
        self.seconds, self.next, self.lock = seconds, 0.0, threading.Lock()

    def due(self):
        now = time.monotonic()
        with self.lock:
            if now < self.next:
                return False
            self.next = now + self.seconds
            return True


purges = Every(WINDOW_SECONDS)


@dataclass(frozen=True)
class Count:
    hits: int  # requests in this window, this one included
    limit: int
    reset: int  # whole seconds until the window ends (at least 1)

    @property
    def exceeded(self):
        return self.hits > self.limit

    @property
    def remaining(self):
        return max(0, self.limit - self.hits)


def count(kind, client, limit):
    """Count one request of ``kind`` from ``client`` against ``limit`` a minute: one INSERT … ON CONFLICT, and
    a DELETE of ended windows when this process has not run one for a minute. Raises the database's errors."""
    with connection.cursor() as cursor:
        cursor.execute(COUNT, {"kind": kind, "client": client, "window": WINDOW_SECONDS})
        hits, seconds_left = cursor.fetchone()
        if purges.due():
            cursor.execute(PURGE)
    return Count(hits=hits, limit=limit, reset=max(1, math.ceil(seconds_left)))
