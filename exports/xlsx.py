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
import math
import re
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
ZIP_LEVEL = 3  # against 6: some 15 % larger, the zipping about three times faster


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
    widths = [display_width(str(header)) for header in headers]
    # A report's headers may be years: numbers.
    sheet.write_cells(
        0, [(n, _cell(sheet, h, bold, bold, bold)[0]) for n, h in enumerate(headers) if h not in (None, "")]
    )
    last_row = 0
    for last_row, row in enumerate(rows, start=1):  # the last one bounds the autofilter
        cells = []
        for column, value in enumerate(row):
            if value.__class__ is str:  # most cells: ``_cell()``'s first case, without its calls
                if not value:
                    continue
                if value[:1] in RISKY_FIRST:
                    value = neutralise(value)
                cells.append((column, CellStringTuple(value, None)))
                width = len(value) if value.isascii() else display_width(value)
            elif value is None:
                continue
            else:
                cell, width = _cell(sheet, value, date, date_time)
                cells.append((column, cell))
            if width > widths[column]:
                widths[column] = width
        sheet.write_cells(last_row, cells)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width, MIN_WIDTH), MAX_WIDTH) + PADDING)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last_row, max(len(headers) - 1, 0))
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
    """XlsxWriter's worksheet in constant-memory mode, with ``write_cells()``: a whole data row at once.

    XlsxWriter stores each cell written through its API in a table and writes the row's XML when the next row
    begins, each cell through a chain of calls (dimension checks, type dispatch, escaping), which is most of
    the time of a large export. ``write_cells()`` writes the row's XML at once instead: the common cells (text
    needing no escapes, numbers, dates) exactly as XlsxWriter's ``_write_cell`` writes them, every other cell
    through ``_write_cell`` itself; ``tests/test_xlsx_rows.py`` compares the XML both ways write.
    """

    def __init__(self):
        super().__init__()
        self._column_letters = []
        self._date_serials = {}

    def write_cells(self, row, cells):
        """Write row ``row`` (below every row written so far, none of them formatted): ``cells`` are
        ``(column, XlsxWriter cell tuple)`` in column order, empty cells left out."""
        if self.row_info or self.col_info or not self.constant_memory:
            raise ValueError("write_cells() writes the plain rows of a constant-memory sheet only")
        self._write_single_row(row)  # the row XlsxWriter itself holds (the header), if any
        if not cells:
            return
        if self._check_dimensions(row, cells[0][0]) or self._check_dimensions(row, cells[-1][0]):
            raise ValueError(f"row {row} is out of the sheet's bounds or written already")
        number = str(row + 1)
        letters = self._letters(cells[-1][0])
        parts = [f'<row r="{number}">']
        for column, cell in cells:
            kind = cell.__class__
            if kind is CellStringTuple and len(cell.string) > self.xls_strmax // 2:
                cell = CellStringTuple(_utf16_truncate(cell.string, self.xls_strmax), cell.format)  # as write_string()
            # Text XlsxWriter writes as it is, unescaped and unmarked (its ``\s`` is ``str.isspace()``).
            if (
                kind is CellStringTuple
                and cell.format is None
                and not (_ESCAPED(text := cell.string) or "_x" in text or text[0].isspace() or text[-1].isspace())
            ):
                parts.append(f'<c r="{letters[column]}{number}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif kind is CellNumberTuple or kind is CellDatetimeTuple:
                style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
                parts.append(f'<c r="{letters[column]}{number}"{style}><v>{cell.number:.16G}</v></c>')
            else:
                self.fh.write("".join(parts))
                parts.clear()
                self._write_cell(row, column, cell)
        parts.append("</row>")
        self.fh.write("".join(parts))

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
