"""What an import says about a file: every problem of every row, and which columns it ignores.

django-import-export keeps a row's errors as exceptions and validation dicts keyed by model field; an
editor needs the file's line, the column as headed in the file (and its spreadsheet letter), the cell's
value and a plain message. ``ColumnResource.after_import`` builds them once, onto the import's result, for
the admin's templates (``admin/import_export/import.html``) and for tests.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext
from openpyxl.utils import get_column_letter

# The file's first line is its header, so the data row numbered 1 by the import is line 2.
HEADER_LINES = 1
# Read by the conflict check (exports.resources), never written.
VERSION_COLUMN = "updated_at"


@dataclass(frozen=True)
class Problem:
    line: int | None  # the line of the file (a spreadsheet's row number); None: the file as a whole
    column: str  # the column's header in the file; "" for the row as a whole
    letter: str  # the column's spreadsheet letter, when the file has the column
    value: str
    message: str


def import_problems(resource, headers, result):
    """Every problem, in file order: the file's own, then each row's, column by column."""
    column_of = {field.attribute: field.column_name for field in resource.get_import_fields() if field.attribute}
    letters = {header: get_column_letter(index) for index, header in enumerate(headers, 1)}
    problems = [Problem(None, "", "", "", plain(error.error)) for error in result.base_errors]
    rows = [
        (row.number, dict(zip(result.diff_headers, row.values, strict=False)), row.error_dict)
        for row in result.invalid_rows
    ]
    for number, errors in result.row_errors():
        cells = errors[0].row or {}
        rows.append((number, cells, {NON_FIELD_ERRORS: [row_error(error.error) for error in errors]}))
    for number, cells, error_dict in sorted(rows, key=lambda row: row[0]):
        for key, messages in error_dict.items():
            column = "" if key == NON_FIELD_ERRORS else column_of.get(key, key)
            value = cells.get(column, "") if column else ""
            for message in messages:
                problems.append(
                    Problem(number + HEADER_LINES, column, letters.get(column, ""), cell(value), str(message))
                )
    return problems


def derived_columns(resource):
    """The resource's columns that no import writes (the preview shows them, computed, labelled "ignored")."""
    return [
        f.column_name for f in resource.get_user_visible_fields() if not f.attribute and f.column_name != VERSION_COLUMN
    ]


def ignored_columns(resource, headers):
    """The file's columns the import does not write: derived ones (a region, a URL) and unknown headers."""
    importable = {field.column_name for field in resource.get_import_fields() if field.attribute}
    return [header for header in headers if header and header not in importable and header != VERSION_COLUMN]


def cell(value):
    return "" if value in (None, "---") else str(value)


def plain(error):
    return str(error) or gettext("The file could not be imported.")


def row_error(error):
    """A row that failed to save (a database refusal): its reason without Python's names for it."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if reason:
        return gettext("The row could not be saved: %(reason)s") % {"reason": reason}
    return gettext("The row could not be saved.")
