"""Peak memory growth of a block of code: the process's resident set, sampled from a thread.

``tracemalloc`` would see only Python allocations (not the database driver's
buffers) and slows the code it watches; sampling RSS every few milliseconds
costs nothing measurable and sees everything the operating system charges.
"""

import resource
import threading
from pathlib import Path

STATM = Path("/proc/self/statm")
PAGE = resource.getpagesize()
MB = 1024 * 1024


def rss_bytes():
    """Current resident set size; on systems without /proc, the lifetime peak instead."""
    try:
        return int(STATM.read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakRSS:
    """``with PeakRSS() as peak: ...`` then ``peak.growth_mb``: highest RSS seen minus RSS at the start."""

    def __init__(self, interval=0.005):
        self.interval = interval
        self.start = self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self):
        self.start = self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def growth_mb(self):
        return (self.peak - self.start) / MB
