"""File writers shared by the register exports and the reports: streamed CSV and JSON, write-only XLSX.

Each takes the header names and an iterable of rows (lists of cell values) and never holds more than one
row at a time: CSV and JSON stream to the client, XLSX goes through openpyxl's write-only mode into a
temporary file that is streamed back and then deleted.
"""

import csv
import json
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from .columns import neutralise

BOM = "\ufeff"  # so Excel reads the CSV as UTF-8 and shows Japanese right

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _Line:
    """A file-like object for csv.writer that hands back the line it was given."""

    def write(self, value):
        return value


def csv_lines(headers, rows):
    writer = csv.writer(_Line())
    yield BOM + writer.writerow(headers)
    for row in rows:
        yield writer.writerow(["" if v is None else neutralise(v) for v in row])


def json_chunks(headers, rows):
    """One JSON array of objects keyed by the headers; cells keep their types (no formula guard needed)."""
    yield "["
    separator = ""
    for row in rows:
        yield separator + json.dumps(dict(zip(headers, row, strict=True)), ensure_ascii=False)
        separator = ",\n"
    yield "]\n"


def write_xlsx(headers, rows, title="Export"):
    """An XLSX file (a temporary file, positioned at its start): one header row, data from row 2."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook.save(output)
    output.seek(0)
    return output


def filename(stem, fmt):
    return f"{stem}-{timezone.localdate().isoformat()}.{fmt}"


def file_response(fmt, headers, rows, stem, title="Export"):
    """The download of ``rows`` as ``fmt`` ("csv", "json" or "xlsx"), named ``<stem>-<date>.<fmt>``."""
    name = filename(stem, fmt)
    if fmt == "xlsx":
        return FileResponse(
            write_xlsx(headers, rows, title), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
        )
    chunks = csv_lines(headers, rows) if fmt == "csv" else json_chunks(headers, rows)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
