"""Uploads past the import's limits are refused before they are read, with a message that names the limit."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives.models import Initiative
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/initiatives/initiative/import/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))


def post(client, content, name="initiatives.csv", fmt=CSV_FORMAT):
    return client.post(IMPORT_URL, {"import_file": SimpleUploadedFile(name, content), "format": fmt})


def file_errors(response):
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    return response.context["form"].errors["import_file"]


def csv_rows(count, width=2):
    header = ",".join(["slug", "title", *[f"extra{i}" for i in range(width - 2)]])
    rows = [",".join([f"row-{n}", f"Row {n}", *[""] * (width - 2)]) for n in range(count)]
    return ("\n".join([header, *rows]) + "\n").encode()


def workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def rewrite_sheet(content, change):
    """The workbook with its first sheet's XML changed by ``change`` (as a hand-made or hostile file would be)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            out.writestr(part.filename, data)
    return target.getvalue()


def test_a_file_past_the_size_limit_is_a_form_error(client, editor, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_000
    [error] = file_errors(post(client, csv_rows(100)))
    assert re.fullmatch(r"The file is .+; an import takes at most 1000\xa0bytes\. Split it into smaller files\.", error)


def test_a_request_far_past_the_size_limit_is_refused_before_its_body_is_read(client, editor, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_000
    response = post(client, b"x" * 200_000)
    assert response.status_code == 302
    assert response.url == IMPORT_URL
    page = client.get(IMPORT_URL).content.decode()
    assert "an import takes at most 1000\xa0bytes" in page


def test_a_csv_with_too_many_rows_is_refused(client, editor, settings):
    settings.IMPORT_MAX_ROWS = 3
    assert file_errors(post(client, csv_rows(4))) == ["The file has more than 3 rows; an import takes at most 3."]
    accepted = post(client, csv_rows(3))
    assert not accepted.context["form"].errors
    assert accepted.context["result"].total_rows == 3


def test_a_csv_with_too_many_cells_is_refused(client, editor, settings):
    settings.IMPORT_MAX_CELLS = 50
    assert file_errors(post(client, csv_rows(3, width=20))) == [
        "The file has more than 50 cells; an import takes at most 50."
    ]


def test_an_xlsx_that_claims_a_huge_sheet_is_refused_before_it_is_read(client, editor):
    content = rewrite_sheet(
        workbook([["slug", "title"], ["x", "X"]]),
        lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert file_errors(post(client, content, "big.xlsx", XLSX_FORMAT)) == [
        "The file has more than 5000 rows; an import takes at most 5000."
    ]


def test_an_xlsx_that_lies_about_its_size_is_still_counted_row_by_row(client, editor, settings):
    settings.IMPORT_MAX_ROWS = 3
    content = rewrite_sheet(
        workbook([["slug", "title"], *[[f"r{n}", "R"] for n in range(5)]]),
        lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:B2"/>', xml),
    )
    assert file_errors(post(client, content, "rows.xlsx", XLSX_FORMAT)) == [
        "The file has more than 3 rows; an import takes at most 3."
    ]


def test_an_xlsx_that_expands_past_the_limit_is_refused(client, editor, settings):
    settings.IMPORT_MAX_XLSX_EXPANDED_BYTES = 100_000
    content = workbook([["slug", "title"], *[[f"r{n}", "a" * 1000] for n in range(200)]])
    assert len(content) < settings.IMPORT_MAX_XLSX_EXPANDED_BYTES  # small on the wire, big once opened
    [error] = file_errors(post(client, content, "expands.xlsx", XLSX_FORMAT))
    assert error.startswith("The workbook expands to ")
    assert error.endswith("an import takes at most 97.7\xa0KB.")


def test_xml_entities_in_an_xlsx_are_refused(client, editor):
    assert openpyxl.DEFUSEDXML is True  # openpyxl found defusedxml and parses through it
    bomb = '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    content = rewrite_sheet(
        workbook([["slug", "title"], ["x", "X"]]),
        lambda xml: bomb + xml.replace("<t>X</t>", "<t>&lol2;</t>", 1),
    )
    assert b"&lol2;" in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    errors = file_errors(post(client, content, "bomb.xlsx", XLSX_FORMAT))
    assert errors == [
        "The file could not be read. Check that the format chosen matches the file, that a CSV is in UTF-8, "
        "that its first row is the header and that every row has as many cells as the header."
    ]
    assert not Initiative.objects.exists()


def test_trailing_empty_rows_of_a_sheet_are_dropped_and_line_numbers_kept(client, editor):
    content = workbook([["slug", "title", "kind"], [None, None, None], ["x", "X", "no_such_kind"], [None] * 3])
    response = post(client, content, "gaps.xlsx", XLSX_FORMAT)
    problems = response.context["result"].problems
    assert response.context["result"].total_rows == 2
    assert ("kind", 3) in {(p.column, p.line) for p in problems}  # the header is line 1, the empty row line 2
