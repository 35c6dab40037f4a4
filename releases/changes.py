"""The change summary of a release: per table, how many rows were added, removed and changed since the
previous release, read from both releases' CSV files (rows matched by their primary key)."""

import csv

from . import storage


def _rows(path, key_columns):
    """``{primary key: hash of the row}`` of a CSV (hash() is enough: both sides are hashed in this process)."""
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader)
        key = [header.index(name) for name in key_columns]
        return {tuple(row[i] for i in key): hash(tuple(row)) for row in reader}


def _compare(old, new):
    common = old.keys() & new.keys()
    return {
        "rows": len(new),
        "added": len(new.keys() - common),
        "removed": len(old.keys() - common),
        "changed": sum(1 for key in common if old[key] != new[key]),
    }


def summarize(previous, folder, tables):
    """The summary of ``folder``'s tables against the release in ``previous`` (None for the first)."""
    if previous is None:
        return {"since": None, "resources": {}}
    old_paths = {r["name"]: previous / r["path"] for r in storage.descriptor(previous)["resources"]}
    resources = {}
    for table in tables:
        new = _rows(folder / table.path, table.primary_key)
        old_path = old_paths.get(table.name)
        old = _rows(old_path, table.primary_key) if old_path and old_path.is_file() else {}
        resources[table.name] = _compare(old, new)
        del new, old  # one table's keys in memory at a time
    return {"since": previous.name, "resources": resources}
