"""XLSX downloads that open ready to use: typed cells, fitted widths, a frozen header, an autofilter, the guard."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from exports.cells import neutralise, unneutralise
from exports.writers import BOM, csv_lines
from exports.xlsx import MAX_WIDTH, PADDING, display_width
from tests.factories import FrameworkFactory, InitiativeFactory, UserFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(groups=["Analysts"]))


def sheet_of(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]


def columns(sheet):
    return {cell.value: cell.column for cell in sheet[1]}


def width(sheet, column):
    return sheet.column_dimensions[get_column_letter(column)].width


LONG_JAPANESE = "G7伊勢志摩サミット エネルギー・鉱物資源安全保障対話（日米共同声明に基づく長期協力計画）"


@pytest.fixture
def initiatives():
    InitiativeFactory(
        slug="g7-energy",
        title="G7 Ise-Shima energy and mineral resources security dialogue",
        title_ja=LONG_JAPANESE,
        start_date=datetime.date(2016, 5, 26),
        end_date=None,
        funding_jpy=3_700_000_000,
        countries=[country("US")],
    )
    InitiativeFactory(slug="b", title="Short", start_date=datetime.date(2019, 1, 2), funding_jpy=None)


def test_initiatives_xlsx_has_real_date_number_and_time_cells(client, analyst, initiatives):
    sheet = sheet_of(client.get("/initiatives/export.xlsx", {"sort": "oldest"}))
    named = columns(sheet)
    first = {name: sheet.cell(row=2, column=column) for name, column in named.items()}
    assert first["start_date"].value == datetime.datetime(2016, 5, 26)
    assert first["start_date"].is_date
    assert first["start_date"].number_format == "yyyy-mm-dd"
    assert first["end_date"].value is None  # an empty cell, not "" or "None"
    assert first["funding_jpy"].value == 3_700_000_000
    assert first["funding_jpy"].data_type == "n"
    assert isinstance(first["updated_at"].value, datetime.datetime)
    assert first["updated_at"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert first["title"].data_type == "s"
    assert sheet.cell(row=3, column=named["funding_jpy"]).value is None


def test_xlsx_header_is_frozen_and_filtered_over_the_whole_table(client, analyst, initiatives):
    sheet = sheet_of(client.get("/initiatives/export.xlsx"))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}3"
    assert all(cell.font.b for cell in sheet[1])


def test_xlsx_column_widths_fit_the_widest_cell(client, analyst, initiatives):
    sheet = sheet_of(client.get("/initiatives/export.xlsx"))
    named = columns(sheet)
    # Wider than its header: fitted to the longest title.
    title = "G7 Ise-Shima energy and mineral resources security dialogue"
    # XlsxWriter stores a width with the cell's margin (under a character) added.
    assert width(sheet, named["title"]) == pytest.approx(len(title) + PADDING, abs=1)
    # Japanese characters count double; the longest Japanese title is wider than the column's cap.
    assert display_width(LONG_JAPANESE) > MAX_WIDTH
    assert width(sheet, named["title_ja"]) == pytest.approx(MAX_WIDTH + PADDING, abs=1)
    assert width(sheet, named["start_date"]) == pytest.approx(len("start_date") + PADDING, abs=1)  # dates: 10
    assert width(sheet, named["slug"]) < width(sheet, named["title"])


def test_empty_xlsx_export_still_has_its_header_and_filter(client, analyst):
    sheet = sheet_of(client.get("/initiatives/export.xlsx"))
    assert sheet.max_row == 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")


def test_report_xlsx_is_typed_frozen_filtered_and_fitted(client, analyst):
    InitiativeFactory(frameworks=[FrameworkFactory(name="Science and Technology Research Partnership")], funding_jpy=9)
    sheet = sheet_of(client.get("/reports/funding-by-framework.xlsx"))
    assert [cell.value for cell in sheet[2]] == ["Science and Technology Research Partnership", 1, 9]
    assert sheet.cell(row=2, column=3).data_type == "n"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C2"
    assert width(sheet, 1) == pytest.approx(len("Science and Technology Research Partnership") + PADDING, abs=1)


# Spreadsheets run these as formulas; some skip leading spaces, tabs and line breaks first.
FORMULA_LIKE = ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd", " =1+1", '\n=HYPERLINK("x")', " \t\n@A1", "  -2"]
HARMLESS = ["Ocean", "1-2", "a=b", " Ocean", "\nOcean", "", "   ", "e-ASIA"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_neutralised_and_comes_back_on_import(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_and_numbers_pass_unchanged(text):
    assert neutralise(text) == text
    assert unneutralise("'" + text) == "'" + text  # a quote the guard did not add stays
    assert neutralise(-5) == -5


@pytest.mark.parametrize("title", [" =1+1", "\n=HYPERLINK(1)", "\t \n-2+3"])
def test_leading_blanks_before_a_formula_are_neutralised_in_csv_and_xlsx(client, analyst, title):
    InitiativeFactory(slug="x", title=title)
    body = b"".join(client.get("/initiatives/export.csv").streaming_content).decode("utf-8")
    assert "'" + title in body
    sheet = sheet_of(client.get("/initiatives/export.xlsx"))
    cell = sheet.cell(row=2, column=columns(sheet)["title"])
    assert cell.value.startswith("'")
    assert cell.data_type == "s"


def guarded_csv(rows):
    """The CSV the guard promises: every cell through ``neutralise``, one by one."""
    out = io.StringIO()
    csv.writer(out).writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


@pytest.mark.parametrize("text", FORMULA_LIKE + HARMLESS + ['"=1"', "a,=1", "a\n=1", "x, -y"])
@pytest.mark.parametrize("position", [0, 1, 2])
def test_csv_batches_are_guarded_as_cell_by_cell(text, position):
    # Formula-like text in any column, quoted or not (a comma or a line break in it), is guarded.
    rows = [["before", 5, None], ["plain", -5, "text"]]
    rows[1][position] = text
    body = "".join(csv_lines(["a", "b", "c"], rows)).removeprefix(BOM)
    assert body == guarded_csv([["a", "b", "c"], *rows])
