"""Writing a release: every registered table streamed to CSV, then ``datapackage.json`` describing them.

A release is written into a hidden folder beside the others and renamed into place once complete, so a server
never lists or serves a half-written one. Each table is read with ``values_list().iterator()``: one query per
table, a server-side cursor, never the whole table in memory.
"""

import csv
import hashlib
import json
import os
import shutil
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation

from . import storage
from .changes import summarize
from .tables import all_tables

CHUNK_SIZE = 5000


def _cell(value):
    # Table Schema's datetime is ISO 8601 with a "T"; every other value is written as Python writes it.
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value


def write_csv(table, path):
    """Stream the table's public rows to ``path``; the number of rows written."""
    rows = table.rows().order_by(*table.primary_key_paths()).values_list(*(c.path for c in table.columns))
    has_datetimes = any(table.schema_field(c)["type"] == "datetime" for c in table.columns)
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([column.name for column in table.columns])
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            writer.writerow(tuple(map(_cell, row)) if has_datetimes else row)
            count += 1
    return count


def _english(text):
    with translation.override("en"):
        return str(text)


def checksum(path):
    """``("sha256:<hex>", bytes)`` of a file, as Frictionless's ``hash`` and ``bytes`` say them."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return f"sha256:{digest.hexdigest()}", size


def resource(table, path, rows):
    hash_, size = checksum(path)
    schema = {
        "fields": [table.schema_field(column) for column in table.columns],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": "" if target == table.name else target, "fields": field}}
            for column, target, field in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.path,
        "title": _english(table.title),
        "description": table.description,
        "techdiplo:kind": table.kind,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "hash": hash_,
        "bytes": size,
        "rows": rows,
        "schema": schema,
    }


def write_release(root=None, now=None):
    """Write a new release under ``root`` (``settings.DATA_RELEASES_DIR``); its folder's path."""
    root = storage.releases_root(root)
    now = now or timezone.now()
    previous = storage.latest(root)
    name = storage.next_name(root, timezone.localdate(now))
    work = root / f".{name}.{os.getpid()}.partial"
    work.mkdir(parents=True)
    try:
        tables = all_tables()
        resources = [resource(table, work / table.path, write_csv(table, work / table.path)) for table in tables]
        descriptor = {
            "profile": "tabular-data-package",
            "name": "techdiplo",
            "id": f"techdiplo-{name}",
            "title": "techdiplo: Japan's science and technology diplomacy",
            "description": (
                "The public records of the techdiplo register: international initiatives, the researchers who "
                "carry them (published, with their consent; never their contact data) and partnerships between "
                "Japanese localities and their counterparts abroad, with the tables that link them and the "
                "reference tables they point at."
            ),
            "version": name,
            "created": now.isoformat(timespec="seconds"),
            "licenses": [settings.DATA_LICENSE],
            "techdiplo:changes": summarize(previous, work, tables),
            "resources": resources,
        }
        (work / storage.DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")
        final = root / name
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final
