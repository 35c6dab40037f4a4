"""The worker process's garbage collector, kept off the objects that live as long as the process.

What start-up and the first request build (modules, URL resolvers, compiled templates, translations) stays
alive until the process ends, yet each of CPython's full collections walks all of it again: a pause of tens
of milliseconds that falls, every few requests, on whichever request allocated the last objects (mostly the
ones that build many, such as 100 records of the API), and makes the slow tail of every page. Once the first
request has finished, those objects are moved out of the collector's reach (``gc.freeze()``, as the Python
documentation suggests for long-lived servers); what later requests create is collected as before, and
reference counting still frees everything that is not part of a cycle.
"""

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_after_first_request(**kwargs):
    """``request_finished`` receiver: collect once (the first request's garbage is freed, not kept forever),
    then freeze everything still alive. Only the first call does anything."""
    global _frozen
    with _lock:
        if _frozen:
            return
        _frozen = True
    gc.collect()
    gc.freeze()
