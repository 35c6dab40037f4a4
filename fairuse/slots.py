"""Slots for heavy requests (exports): a few at once across every app server, fewer than its threads per process.

A slot is a PostgreSQL session advisory lock, ``(hashtext('techdiplo heavy request'), n)`` for n in 1 …
``HEAVY_REQUEST_SLOTS``, taken without waiting on the connection the request's own queries use and released
when its response has been sent. A worker that dies, or a connection that drops, lets its lock go with the
session, so a slot is never lost.
"""

import contextlib
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection

# Row by row: the executor stops at the first slot it locks, so no other slot is taken and left locked.
ACQUIRE = """
SELECT slot FROM generate_series(1, %(slots)s) AS slot
WHERE pg_try_advisory_lock(hashtext('techdiplo heavy request'), slot)
LIMIT 1
"""
RELEASE = "SELECT pg_advisory_unlock(hashtext('techdiplo heavy request'), %(slot)s)"

_process = {"size": None, "semaphore": None}
_process_lock = threading.Lock()


@dataclass(frozen=True)
class Slot:
    number: int
    process: threading.BoundedSemaphore


def _process_semaphore():
    """This process's bound (``HEAVY_REQUESTS_PER_PROCESS``), made again if the setting changed (tests)."""
    size = settings.HEAVY_REQUESTS_PER_PROCESS
    with _process_lock:
        if _process["size"] != size:
            _process.update(size=size, semaphore=threading.BoundedSemaphore(size))
        return _process["semaphore"]


def acquire():
    """A ``Slot``, or None when every slot is taken, in this process or across the servers: no wait, and one
    query. Raises the database's errors (with nothing held)."""
    process = _process_semaphore()
    if not process.acquire(blocking=False):
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(ACQUIRE, {"slots": settings.HEAVY_REQUEST_SLOTS})
            row = cursor.fetchone()
    except DatabaseError:
        process.release()
        raise
    if row is None:
        process.release()
        return None
    return Slot(row[0], process)


def release(slot):
    """Give ``slot`` back (one query). A connection that dropped meanwhile took its lock with it."""
    try:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(RELEASE, {"slot": slot.number})
    finally:
        slot.process.release()
