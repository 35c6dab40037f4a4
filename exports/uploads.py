"""Limits on what an editor may upload to the admin's import, checked before the file is read.

A spreadsheet can claim far more than it holds: a 128 KB XLSX may declare 16,384 × 1,048,576 cells, or
expand from 3.7 MB to 764 MB. So the request's size is checked before Django reads its body, an XLSX's
decompressed size and declared dimensions before openpyxl parses a sheet, and rows and cells while they
are read, one at a time; past a limit the upload is refused with a message that names it. The limits are
settings (``IMPORT_MAX_*``, README "Imports"). openpyxl parses the XML through ``defusedxml`` when it is
installed (it is pinned in requirements.txt), so entity tricks in a workbook are refused too.
"""

import csv
import io
import zipfile

import openpyxl
import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from import_export.formats.base_formats import CSV, XLSX


class UploadRefused(ValueError):
    """An upload past a limit, or not a file of its format; the message says which, in plain words."""


def check_request_size(request):
    """Refuse a request whose body is bigger than an upload may be, before Django reads it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    # The multipart envelope and the form's other fields add a few hundred bytes to the file.
    if length > settings.IMPORT_MAX_UPLOAD_BYTES + 64 * 1024:
        raise UploadRefused(too_big(length))


def check_file_size(upload):
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise UploadRefused(too_big(upload.size))


def too_big(size):
    return gettext("The file is %(size)s; an import takes at most %(limit)s. Split it into smaller files.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(settings.IMPORT_MAX_UPLOAD_BYTES),
    }


class Shape:
    """Counts rows (below the header) and cells (the header's too) as they are read; refuses the file past a limit."""

    def __init__(self, header_width):
        self.rows, self.cells = 0, header_width

    def add(self, width):
        self.rows += 1
        self.cells += width
        if self.rows > settings.IMPORT_MAX_ROWS:
            raise UploadRefused(too_many_rows())
        if self.cells > settings.IMPORT_MAX_CELLS:
            raise UploadRefused(too_many_cells())


def too_many_rows():
    return gettext("The file has more than %(limit)s rows; an import takes at most %(limit)s.") % {
        "limit": settings.IMPORT_MAX_ROWS
    }


def too_many_cells():
    return gettext("The file has more than %(limit)s cells; an import takes at most %(limit)s.") % {
        "limit": settings.IMPORT_MAX_CELLS
    }


class LimitedCSV(CSV):
    """CSV, counted row by row before tablib loads it."""

    def create_dataset(self, in_stream):
        rows = csv.reader(io.StringIO(in_stream))
        shape = Shape(len(next(rows, [])))
        for row in rows:
            shape.add(len(row))
        return super().create_dataset(in_stream)


class LimitedXLSX(XLSX):
    """The first sheet of an XLSX workbook, checked as an archive and by its declared size before it is read."""

    def create_dataset(self, in_stream):
        check_archive(in_stream)
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError) as error:
            raise UploadRefused(not_a_workbook()) from error
        try:
            return read_sheet(book.active)
        finally:
            book.close()


def check_archive(content):
    """An XLSX is a zip archive: refuse it when its parts would expand past the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            expanded = sum(part.file_size for part in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UploadRefused(not_a_workbook()) from error
    # zipfile stops each part at its declared size, so a part that lies about it cannot expand further.
    if expanded > settings.IMPORT_MAX_XLSX_EXPANDED_BYTES:
        raise UploadRefused(
            gettext("The workbook expands to %(size)s when opened; an import takes at most %(limit)s.")
            % {
                "size": filesizeformat(expanded),
                "limit": filesizeformat(settings.IMPORT_MAX_XLSX_EXPANDED_BYTES),
            }
        )


def read_sheet(sheet):
    """The sheet's rows as a Dataset: the first row is the header; trailing empty rows are dropped."""
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows - 1 > settings.IMPORT_MAX_ROWS:
        raise UploadRefused(too_many_rows())
    if declared_rows * declared_columns > settings.IMPORT_MAX_CELLS:
        raise UploadRefused(too_many_cells())
    # Without the declared size, openpyxl does not pad every row to it; rows are cut to the header's width.
    sheet.reset_dimensions()
    header = list(next(sheet.iter_rows(max_row=1, values_only=True), ()))
    while header and header[-1] in (None, ""):
        header.pop()
    if not header:
        raise UploadRefused(gettext("The first sheet has no header row."))
    width, blank_run = len(header), []
    shape = Shape(width)
    dataset = tablib.Dataset(headers=[str(h) if h is not None else "" for h in header])
    for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
        row = [*values, *[None] * (width - len(values))]
        shape.add(width)
        if all(v in (None, "") for v in row):
            blank_run.append(row)  # kept only if a filled row follows, so line numbers stay right
            continue
        for blank in blank_run:
            dataset.append(blank)
        blank_run = []
        dataset.append(row)
    return dataset


def not_a_workbook():
    return gettext("The file is not an XLSX workbook. Choose the format that matches the file.")
