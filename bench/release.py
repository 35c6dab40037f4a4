"""The data release in ``make bench``: two releases of the seeded data written into a temporary folder, the
second with its change summary against the first (as every release but the first has), each timed, with the
process's peak memory growth."""

import tempfile
import time

from releases import storage
from releases.writer import write_release

from .memory import PeakRSS


def _write(root):
    with PeakRSS() as peak:
        started = time.perf_counter()
        folder = write_release(root)
        seconds = time.perf_counter() - started
    resources = storage.descriptor(folder)["resources"]
    return {
        "status": "ok",
        "seconds": round(seconds, 2),
        "rows": sum(resource["rows"] for resource in resources),
        "bytes": sum(resource["bytes"] for resource in resources),
        "files": len(resources) + 1,
        "peak_mb": round(peak.growth_mb, 1),
    }


def measure_release():
    """``{"first": ..., "next": ...}``: seconds, rows, bytes and peak memory growth of each release."""
    with tempfile.TemporaryDirectory(prefix="techdiplo-release-") as root:
        try:
            return {"first": _write(root), "next": _write(root)}
        except Exception as exc:
            return {"first": {"status": f"error: {exc!r}"[:300]}, "next": {"status": "not measured"}}
