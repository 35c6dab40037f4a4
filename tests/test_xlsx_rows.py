"""The XLSX exports' row writer (``write_rows``) writes exactly the cells XlsxWriter's own API writes."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter

from exports.cells import neutralise
from exports.xlsx import write_xlsx

HEADERS = ["text", "number", "date", "when", "flag", "other", 2024]  # a report's header may be a year
# Cells that XlsxWriter escapes or marks, beside the plain ones the row writer writes itself.
TRICKY_TEXTS = [
    "plain",
    "日本語のタイトル",
    "a & b < c > d",
    "<r>rich-looking</r>",
    " leading blank",
    "trailing blank ",
    "\u3000全角空白",
    "tab\tinside",
    "line\nbreak",
    "control \x01 character",
    "_x0041_ looks escaped",
    "non-character \ufffe",
    '"quoted"',
    "=1+1",
    "  -2",
    "long " * 7000,  # over a cell's 32,767 characters: cut as XlsxWriter cuts it
]


def rows():
    yield from (
        [text, n, datetime.date(2020, 1, n + 1), datetime.datetime(2021, 2, 3, 4, 5, n), n % 2 == 0, None]
        for n, text in enumerate(TRICKY_TEXTS)
    )
    yield ["", None, None, None, None, None]  # an empty row: no <row> at all
    yield [None, 2.5, None, None, True, Decimal("1.10")]
    yield [None, -3, None, None, False, datetime.time(12, 30)]
    yield ["", 12345678901234567890, datetime.date(1900, 2, 28), datetime.datetime(1900, 3, 1, 0, 0, 1), None, 0]


def write(sheet, row, column, value, date, date_time, style=None):
    """One cell through the public ``write_*()`` method of its type (the oracle of the row writer)."""
    if value is None or value == "":
        return
    if isinstance(value, str):
        sheet.write_string(row, column, neutralise(value), style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, value, style)
    elif isinstance(value, datetime.datetime):
        sheet.write_datetime(row, column, value, date_time)
    elif isinstance(value, datetime.date):
        sheet.write_datetime(row, column, value, date)
    else:
        sheet.write_string(row, column, neutralise(str(value)), style)


def through_the_api(headers, rows):
    """The same sheet written cell by cell through XlsxWriter's public ``write_*()`` methods."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet("Export")
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    date_time = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for column, header in enumerate(headers):
        write(sheet, 0, column, header, bold, bold, bold)
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            write(sheet, row, column, value, date, date_time)
    workbook.close()
    return output


def cells_xml(file):
    """The sheet's dimension and its rows: what the row writer writes."""
    sheet = zipfile.ZipFile(file).read("xl/worksheets/sheet1.xml").decode()
    return re.search("<dimension[^>]*>", sheet).group(0), re.search("<sheetData>.*</sheetData>", sheet, re.S).group(0)


def test_row_writer_writes_the_cells_xlsxwriter_writes():
    ours = cells_xml(write_xlsx(HEADERS, rows(), "Export"))
    assert ours == cells_xml(through_the_api(HEADERS, rows()))
    assert "_x005F_x0041_" in ours[1]  # escaped by XlsxWriter's own path, not written raw
    assert 'xml:space="preserve"' in ours[1]


@pytest.mark.parametrize("number", [float("nan"), float("inf"), Decimal("NaN")])
def test_row_writer_refuses_nan_and_infinity_as_xlsxwriter_does(number):
    with pytest.raises(TypeError, match="NaN"):
        write_xlsx(["n"], [[number]])
