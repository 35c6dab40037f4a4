"""XLSX downloads that open ready to use: dates and numbers as real cells, column widths fitted to the
content, the header row frozen and an autofilter over the whole table.

XlsxWriter in constant-memory mode writes each row to a temporary file as it comes, so a 100,000-row export
never holds more than a row in memory. Widths are tracked while streaming (the widest cell of each column) and
set at the end: the column widths, the frozen pane and the autofilter are only stored until the workbook is
closed, so they may follow the rows.
"""

import datetime
import re
import tempfile
import unicodedata
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

from .cells import RISKY_FIRST, neutralise

MIN_WIDTH, MAX_WIDTH = 6, 60  # characters; wider cells wrap in the spreadsheet rather than widen the column
PADDING = 2  # room for the autofilter's button
DATE_WIDTH, DATETIME_WIDTH = 10, 19  # "2026-12-01", "2026-12-01 06:30:00"


def display_width(text):
    """Characters a spreadsheet needs for ``text``: a full-width (Japanese) character takes two."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")


def write_xlsx(headers, rows, title="Export"):
    """An XLSX file (a temporary file, positioned at its start): one header row, data from row 2.

    Cells keep their types: text (formula-like text neutralised, ``cells.neutralise``), numbers, dates
    and times (naive, local: see ``cells.typed``); ``None`` is an empty cell.
    """
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet(title[:31], worksheet_class=_StreamedSheet)
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    date_time = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    widths = [display_width(str(header)) for header in headers]
    for column, header in enumerate(headers):  # a report's headers may be years: numbers
        _write(sheet, 0, column, header, bold, bold, bold)
    last_row = 0
    write_string = sheet.write_string
    for last_row, row in enumerate(rows, start=1):  # the last one bounds the autofilter
        for column, value in enumerate(row):
            if value.__class__ is str:  # most cells: ``_write()``'s first case, without its calls
                if not value:
                    continue
                if value[:1] in RISKY_FIRST:
                    value = neutralise(value)
                write_string(last_row, column, value)
                width = len(value) if value.isascii() else display_width(value)
            else:
                width = _write(sheet, last_row, column, value, date, date_time)
            if width > widths[column]:
                widths[column] = width
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width, MIN_WIDTH), MAX_WIDTH) + PADDING)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last_row, max(len(headers) - 1, 0))
    workbook.close()
    output.seek(0)
    return output


def _write(sheet, row, column, value, date, date_time, style=None):
    """Write one cell with the writer for its type; return its width in characters."""
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        value = neutralise(value)
        sheet.write_string(row, column, value, style)
        return display_width(value)
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
        return 5
    if isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, value, style)
        return len(str(value))
    if isinstance(value, datetime.datetime):
        sheet.write_datetime(row, column, value, date_time)
        return DATETIME_WIDTH
    if isinstance(value, datetime.date):
        sheet.write_datetime(row, column, value, date)
        return DATE_WIDTH
    text = neutralise(str(value))
    sheet.write_string(row, column, text, style)
    return display_width(text)


# What XlsxWriter escapes in an inline string (XML's "&<>", control characters and its own "_xHHHH_" escapes, the
# non-characters U+FFFE/U+FFFF) or marks (leading or trailing blanks): such cells take its own path.
_ESCAPED = re.compile(r"[&<>\x00-\x1f\ufffe\uffff]").search


def _plain(text):
    """Whether XlsxWriter would write ``text`` (not empty) as it is, unescaped and unmarked (its ``\\s`` is
    ``str.isspace()``)."""
    return not (_ESCAPED(text) or "_x" in text or text[0].isspace() or text[-1].isspace())


class _StreamedSheet(Worksheet):
    """XlsxWriter's worksheet, writing the common cells of a constant-memory sheet (text needing no escapes,
    numbers, dates) straight as the XML its ``_write_cell`` writes for them, without the general path's
    per-cell escaping and dispatch. Everything else (and any sheet with row or column formats set while it
    is written) goes through XlsxWriter's own ``_write_cell``; ``tests/test_xlsx_exports.py`` compares the two."""

    def _write_cell(self, row, col, cell):
        kind = cell.__class__
        if self.row_info or self.col_info or not self.constant_memory:
            super()._write_cell(row, col, cell)
        elif kind is CellStringTuple and cell.string and _plain(cell.string):
            style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
            self.fh.write(
                f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style} t="inlineStr"><is><t>{cell.string}</t></is></c>'
            )
        elif kind is CellNumberTuple or kind is CellDatetimeTuple:
            style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
            self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style}><v>{cell.number:.16G}</v></c>')
        else:
            super()._write_cell(row, col, cell)
