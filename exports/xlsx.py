"""XLSX downloads that open ready to use: dates and numbers as real cells, column widths fitted to the
content, the header row frozen and an autofilter over the whole table.

XlsxWriter in constant-memory mode writes each row to a temporary file as it comes, so a 100,000-row export
never holds more than a row in memory. Widths are tracked while streaming (the widest cell of each column) and
set at the end: the column widths, the frozen pane and the autofilter are only stored until the workbook is
closed, so they may follow the rows.

XlsxWriter zips the sheet's XML (some 120 MB for 100,000 rows) at zlib's default level, with no option for
another: most of a large export's time went to that. ``_ZipFile`` makes it zip at ``ZIP_LEVEL`` (a somewhat
larger file, written several times faster), for every XlsxWriter workbook of the process (the reports' too).
"""

import datetime
import io
import math
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from decimal import Decimal

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.utility import _utf16_truncate, xl_col_to_name
from xlsxwriter.worksheet import CellBooleanTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

from .cells import RISKY_FIRST, neutralise

MIN_WIDTH, MAX_WIDTH = 6, 60  # characters; wider cells wrap in the spreadsheet rather than widen the column
PADDING = 2  # room for the autofilter's button
DATE_WIDTH, DATETIME_WIDTH = 10, 19  # "2026-12-01", "2026-12-01 06:30:00"
ZIP_LEVEL = 1  # against 6: some 30 % larger, the zipping several times faster
ROWS_PER_WRITE = 200  # rows' XML per write to the sheet's temporary file
COPY_BUFFER = 1 << 20  # bytes per read when the rows are copied into the sheet's XML


class _ZipFile(zipfile.ZipFile):
    """The zip XlsxWriter writes a workbook into, at ``ZIP_LEVEL`` rather than zlib's default (6)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(*args, **kwargs)


xlsxwriter.workbook.ZipFile = _ZipFile  # the name its Workbook._store_workbook() calls


def display_width(text):
    """Characters a spreadsheet needs for ``text``: a full-width (Japanese) character takes two."""
    if text.isascii():
        return len(text)
    widths = list(map(unicodedata.east_asian_width, text))  # counted in C rather than a generator per character
    return len(text) + widths.count("W") + widths.count("F")


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
    widths = [0] * len(headers)
    sheet.write_rows([headers], 0, widths, bold, bold, bold)  # a report's headers may be years: numbers
    last_row = sheet.write_rows(rows, 1, widths, None, date, date_time)  # the last row bounds the autofilter
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width, MIN_WIDTH), MAX_WIDTH) + PADDING)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(last_row, 0), max(len(headers) - 1, 0))
    workbook.close()
    output.seek(0)
    return output


def _cell(sheet, value, date, date_time, style=None):
    """``(XlsxWriter's cell, its width in characters)`` of a value that is neither ``None`` nor empty text: what
    XlsxWriter's ``write_*()`` method for its type stores (``date``, ``date_time``: the formats of dates and of
    times)."""
    if isinstance(value, str):
        text = neutralise(value)
        return CellStringTuple(text, style), display_width(text)
    if isinstance(value, bool):
        return CellBooleanTuple(1 if value else 0, style), 5
    if isinstance(value, int | float | Decimal):
        if not math.isfinite(value):
            raise TypeError("XLSX cells cannot hold NaN or infinity")  # as XlsxWriter's write_number()
        return CellNumberTuple(value, style), len(str(value))
    if isinstance(value, datetime.datetime):
        return CellDatetimeTuple(sheet.excel_date(value), date_time), DATETIME_WIDTH
    if isinstance(value, datetime.date):
        return CellDatetimeTuple(sheet.excel_date(value), date), DATE_WIDTH
    text = neutralise(str(value))
    return CellStringTuple(text, style), display_width(text)


# What XlsxWriter escapes in an inline string (XML's "&<>", control characters and its own "_xHHHH_" escapes, the
# non-characters U+FFFE/U+FFFF) or marks (leading or trailing blanks): such cells take its own path.
_ESCAPED = re.compile(r"[&<>\x00-\x1f\ufffe\uffff]").search


class _StreamedSheet(Worksheet):
    """XlsxWriter's worksheet in constant-memory mode, with ``write_rows()``: whole rows of values at once.

    XlsxWriter stores each cell written through its API in a table and writes the row's XML when the next row
    begins, each cell through a chain of calls (type dispatch, dimension checks, escaping), which is most of
    the time of a large export. ``write_rows()`` goes from each value to its XML in one loop instead: the
    common cells (text needing no escapes, numbers, dates) exactly as XlsxWriter's ``_write_cell`` writes them,
    every other cell through ``_write_cell`` itself; ``tests/test_xlsx_rows.py`` compares the XML both ways
    write.
    """

    def __init__(self):
        super().__init__()
        self._column_letters = []
        self._date_serials = {}

    def write_rows(self, rows, first, widths, style, date, date_time):
        """Write ``rows`` (lists of values, ``None`` or ``""`` for an empty cell) from row ``first`` on, below
        every row written so far, none of them formatted; widen ``widths`` (characters per column) to the
        widest cell. ``style``: the format of text and numbers (``None``: none); ``date``, ``date_time``: the
        formats of dates and of times. Returns the number of the last row (``first - 1`` if there is none).

        One loop per cell, from the value to its XML: a plain text cell is one f-string.
        """
        if self.row_info or self.col_info or not self.constant_memory:
            raise ValueError("write_rows() writes the plain rows of a constant-memory sheet only")
        self._write_single_row(first)  # the row XlsxWriter itself holds, if any
        long_text = self.xls_strmax // 2
        check, write = self._check_dimensions, self.fh.write
        letters = self._letters(len(widths) - 1)
        date_xf, date_time_xf, number_xf = (f' s="{f._get_xf_index()}"' if f else "" for f in (date, date_time, style))
        pending = []  # rows' XML, written a batch at a time
        row = first - 1
        for row, values in enumerate(rows, start=first):
            if len(values) > len(letters):
                letters = self._letters(len(values) - 1)
            number = str(row + 1)
            parts = [f'<row r="{number}">']
            first_column = None
            for column, value in enumerate(values):
                if value.__class__ is str:
                    if not value:
                        continue
                    if value[0] in RISKY_FIRST:
                        value = neutralise(value)
                    width = len(value) if value.isascii() else display_width(value)
                    # Text XlsxWriter writes as it is, unescaped and unmarked (its ``\s`` is ``str.isspace()``).
                    if (
                        style is None
                        and len(value) <= long_text
                        and not (_ESCAPED(value) or "_x" in value or value[0].isspace() or value[-1].isspace())
                    ):
                        parts.append(f'<c r="{letters[column]}{number}" t="inlineStr"><is><t>{value}</t></is></c>')
                    else:
                        if len(value) > long_text:
                            value = _utf16_truncate(value, self.xls_strmax)  # as write_string()
                        self._write_raw(pending, parts, row, column, CellStringTuple(value, style))
                elif value is None:
                    continue
                elif (kind := value.__class__) is datetime.date:  # the common typed cells, as ``_cell()`` has them
                    parts.append(f'<c r="{letters[column]}{number}"{date_xf}><v>{self.excel_date(value):.16G}</v></c>')
                    width = DATE_WIDTH
                elif kind is datetime.datetime:
                    serial = self._convert_date_time(value)
                    parts.append(f'<c r="{letters[column]}{number}"{date_time_xf}><v>{serial:.16G}</v></c>')
                    width = DATETIME_WIDTH
                elif kind is int:
                    width = len(str(value))
                    parts.append(f'<c r="{letters[column]}{number}"{number_xf}><v>{value:.16G}</v></c>')
                else:
                    cell, width = _cell(self, value, date, date_time, style)
                    kind = cell.__class__
                    if kind is CellNumberTuple or kind is CellDatetimeTuple:
                        xf = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
                        parts.append(f'<c r="{letters[column]}{number}"{xf}><v>{cell.number:.16G}</v></c>')
                    else:
                        self._write_raw(pending, parts, row, column, cell)
                if first_column is None:
                    first_column = column
                    if check(row, column):
                        raise ValueError(f"row {row} is out of the sheet's bounds or written already")
                last_column = column
                if width > widths[column]:
                    widths[column] = width
            if first_column is None:
                continue  # an empty row: no <row> at all
            if check(row, last_column):
                raise ValueError(f"row {row} is out of the sheet's bounds")
            parts.append("</row>")
            pending.append("".join(parts))
            if len(pending) >= ROWS_PER_WRITE:
                write("".join(pending))
                pending.clear()
        write("".join(pending))
        return row

    def _write_raw(self, pending, parts, row, column, cell):
        """A cell through XlsxWriter's own ``_write_cell`` (it escapes and marks), after the XML before it."""
        self.fh.write("".join(pending) + "".join(parts))
        pending.clear()
        parts.clear()
        self._write_cell(row, column, cell)

    def _write_optimized_sheet_data(self):
        """XlsxWriter's, copying the rows' XML from its temporary file as bytes, not decoded and encoded again."""
        if self.dim_rowmin is None or self.fh.__class__ is not io.TextIOWrapper:
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        self.fh.flush()
        self.row_data_fh.close()
        with open(self.row_data_filename, "rb") as rows:
            shutil.copyfileobj(rows, self.fh.buffer, COPY_BUFFER)
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")

    def _letters(self, last_column):
        """The columns' letters up to ``last_column`` ("A", "B" ... as in "B7"), named once, not once per cell."""
        letters = self._column_letters
        letters.extend(xl_col_to_name(column) for column in range(len(letters), last_column + 1))
        return letters

    def excel_date(self, value):
        """The spreadsheet's serial number of a date or a naive date and time, as ``write_datetime()`` stores it.

        A date's is kept: an export's dates repeat (start and end dates), its times mostly do not."""
        if value.__class__ is not datetime.date:
            return self._convert_date_time(value)
        serials = self._date_serials
        if (serial := serials.get(value)) is None:
            serial = serials[value] = self._convert_date_time(value)
        return serial
