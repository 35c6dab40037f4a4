"""What a cell holds, for every writer and reader of the exports: plain values, joined lists, the formula guard.

The leaf of the exports package: it imports nothing of it, and everything else imports it.
"""

import datetime

from django.utils import timezone

SEPARATOR = "; "  # between the values of a multi-valued cell
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# ... and some skip leading blanks first: " =1+1" or a newline before "=HYPERLINK(...)" run too.
BLANKS = " \t\r\n"
FORMULA_STARTS = ("=", "+", "-", "@")
# A text starting with none of these is never formula-like: one set lookup clears most cells.
RISKY_FIRST = frozenset(FORMULA_PREFIXES + tuple(BLANKS))


def _formula_like(text):
    return text.startswith(FORMULA_PREFIXES) or (text[:1] in BLANKS and text.lstrip(BLANKS).startswith(FORMULA_STARTS))


def neutralise(value):
    """Prefix a formula-like string with ``'`` so spreadsheets show it as text. Numbers pass unchanged.

    Formula-like: starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or whose first
    non-blank character (after spaces, tabs and line breaks) is one of ``=+-@``.
    """
    if isinstance(value, str) and value[:1] in RISKY_FIRST and _formula_like(value):
        return "'" + value
    return value


def neutralise_row(row):
    """``[neutralise(value) for value in row]``: the same test inlined, as the exports call it for every cell."""
    return [
        "'" + value if isinstance(value, str) and value[:1] in RISKY_FIRST and _formula_like(value) else value
        for value in row
    ]


def unneutralise(value):
    """Undo ``neutralise`` on import, so a neutralised title comes back as it was."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and _formula_like(value[1:]):
        return value[1:]
    return value


def plain(value):
    """A cell value: dates and times as ISO 8601 text, numbers as numbers, nothing as ``None``."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def typed(value):
    """A spreadsheet cell's value: dates stay dates, times become the local time without a zone (XLSX
    cells have none), numbers stay numbers."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
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
