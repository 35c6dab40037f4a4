"""What a cell holds, for every writer and reader of the exports: plain values, joined lists, the formula guard.

The leaf of the exports package: it imports nothing of it, and everything else imports it.
"""

import datetime

from django.utils import timezone

SEPARATOR = "; "  # between the values of a multi-valued cell
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a formula-like string with ``'`` so spreadsheets show it as text. Numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralise(value):
    """Undo ``neutralise`` on import, so a neutralised title comes back as it was."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def plain(value):
    """A cell value: dates and times as ISO 8601 text, numbers as numbers, nothing as ``None``."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def join(values):
    """Multi-valued cells: distinct and sorted, so the same record always exports the same text."""
    return SEPARATOR.join(sorted({str(v) for v in values if v not in (None, "")}))


def first_values(rows):
    """``join()`` of the first value of each row (the cell of a relation's rows read without models)."""
    if len(rows) == 1:  # most records: no set and sort needed
        value = rows[0][0]
        return "" if value in (None, "") else str(value)
    return join(row[0] for row in rows)
