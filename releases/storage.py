"""Where releases live: one folder per release under ``settings.DATA_RELEASES_DIR``, named by its date
(``2026-12-01``, then ``2026-12-01.2`` for a second release that day). Every app server reads the same folder
(shared storage), so each lists and serves the same releases; nothing here writes at request time."""

import json
import re
from pathlib import Path

from django.conf import settings

DESCRIPTOR = "datapackage.json"
NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\.(?P<number>[1-9]\d*))?$")


def releases_root(root=None):
    return Path(root or settings.DATA_RELEASES_DIR)


def _order(name):
    match = NAME.match(name)
    return match["date"], int(match["number"] or 1)


def names(root=None):
    """The complete releases' names, newest first (a folder without its descriptor is still being written)."""
    root = releases_root(root)
    if not root.is_dir():
        return []
    found = [p.name for p in root.iterdir() if NAME.match(p.name) and (p / DESCRIPTOR).is_file()]
    return sorted(found, key=_order, reverse=True)


def latest(root=None):
    """The newest release's folder, or None."""
    found = names(root)
    return releases_root(root) / found[0] if found else None


def next_name(root, day):
    taken = [_order(name)[1] for name in names(root) if _order(name)[0] == day.isoformat()]
    return day.isoformat() if not taken else f"{day.isoformat()}.{max(taken) + 1}"


def descriptor(folder):
    return json.loads((folder / DESCRIPTOR).read_text("utf-8"))


def release_file(name, filename, root=None):
    """The path of ``filename`` in release ``name`` ("latest" for the newest), or None: only the descriptor and
    the files it lists are served, so no other path can be reached through these names."""
    folder = latest(root) if name == "latest" else releases_root(root) / name
    if folder is None or not NAME.match(folder.name) or not (folder / DESCRIPTOR).is_file():
        return None
    files = {DESCRIPTOR, *(r["path"] for r in descriptor(folder)["resources"])}
    return folder / filename if filename in files else None
