"""File writers shared by the register exports and the reports: streamed CSV and JSON, and XLSX.

Each takes the header names and an iterable of rows (lists of cell values) and never holds more than
``ROWS_PER_CHUNK`` rows at a time: CSV and JSON stream to the client; XLSX (``xlsx.write_xlsx``) is written
row by row into a temporary file that is streamed back and then deleted.
"""

import csv
import json
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from .cells import neutralise_row
from .xlsx import write_xlsx

BOM = "\ufeff"  # so Excel reads the CSV as UTF-8 and shows Japanese right

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


ROWS_PER_CHUNK = 500  # rows per streamed chunk: Django's streaming costs per chunk, so not one chunk per row


def _batches(rows):
    rows = iter(rows)
    while batch := list(islice(rows, ROWS_PER_CHUNK)):
        yield batch


def csv_lines(headers, rows):
    """The CSV text, ``ROWS_PER_CHUNK`` lines at a time (``None`` is written as an empty cell)."""
    lines = []
    writer = csv.writer(_Lines(lines))
    writer.writerow(headers)
    yield BOM + lines.pop()
    for batch in _batches(rows):
        writer.writerows(map(neutralise_row, batch))
        yield "".join(lines)
        lines.clear()


class _Lines:
    """A file-like object for csv.writer that collects the lines it is given."""

    def __init__(self, lines):
        self.write = lines.append


_json = json.JSONEncoder(ensure_ascii=False)  # json.dumps() with options builds an encoder per call


def json_chunks(headers, rows, metadata=None):
    """One JSON array of objects keyed by the headers or, with ``metadata`` (a dict: licence, source...), the
    object ``{"metadata": ..., "records": [...]}``. Cells keep their types (no formula guard needed)."""
    yield "[" if metadata is None else '{"metadata": ' + _json.encode(metadata) + ',\n"records": ['
    separator = ""
    for batch in _batches(rows):
        chunk = []
        for row in batch:
            chunk.append(separator + _json.encode(dict(zip(headers, row, strict=True))))
            separator = ",\n"
        yield "".join(chunk)
    yield "]\n" if metadata is None else "]}\n"


def filename(stem, fmt):
    return f"{stem}-{timezone.localdate().isoformat()}.{fmt}"


def file_response(fmt, headers, rows, stem, title="Export", metadata=None):
    """The download of ``rows`` as ``fmt`` ("csv", "json" or "xlsx"), named ``<stem>-<date>.<fmt>``; JSON
    wrapped with ``metadata`` when given (see ``json_chunks``)."""
    name = filename(stem, fmt)
    if fmt == "xlsx":
        return FileResponse(
            write_xlsx(headers, rows, title), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
        )
    chunks = csv_lines(headers, rows) if fmt == "csv" else json_chunks(headers, rows, metadata)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
