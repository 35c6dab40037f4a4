"""The cross-tab page's reading of a request: which two facets, the notices, and the table as download rows.

Generic over the registry: nothing here names a register. The counting is ``search.crosstab``'s.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext

from search import Search, registry
from search import crosstab as counting


@dataclass
class Choice:
    """The two facets of a cross-tab, as read from ``rows`` and ``cols``, and what was not understood."""

    rows: str
    columns: str
    notices: list


def default_pair(register):
    """Rows: the first facet; columns: the first short facet after it (a long one makes a very wide table)."""
    names = [facet.name for facet in register.facets]
    short = [facet.name for facet in register.facets[1:] if not facet.long]
    return names[0], (short or names[1:])[0]


def choose(register, data):
    """The facets named by ``rows`` and ``cols`` in ``data``; an unknown or repeated one is replaced by a default
    with a notice (a shared URL with a mistyped facet still opens)."""
    names = [facet.name for facet in register.facets]
    default_rows, default_columns = default_pair(register)
    notices = []
    rows, columns = data.get("rows", ""), data.get("cols", "")
    if rows and rows not in names:
        notices.append(gettext("There is no facet “%(name)s” to cross-tabulate; rows show another.") % {"name": rows})
    if columns and columns not in names:
        notices.append(
            gettext("There is no facet “%(name)s” to cross-tabulate; columns show another.") % {"name": columns}
        )
    rows = rows if rows in names else default_rows
    columns = columns if columns in names else (default_columns if default_columns != rows else default_rows)
    if columns == rows:
        if data.get("cols"):
            notices.append(gettext("Rows and columns need two different facets; columns show another."))
        columns = next(name for name in [default_columns, default_rows, *names] if name != rows)
    return Choice(rows, columns, notices)


def build(register_name, data):
    """``(search, choice, crosstab)`` for ``/workbench/<register>/crosstab/?<data>``. Queries: 2 (the facet
    choices, then every count: ``search.crosstab``)."""
    register = registry[register_name]
    search = Search(register, data)
    choice = choose(register, data)
    table = counting.compute(search, choice.rows, choice.columns, reverse(register.list_url_name))
    return search, choice, table


def label(register, name):
    return str(register.facet(name).label)


def download_rows(register, choice, table):
    """``(headers, rows)`` of the cross-tab as a spreadsheet: a row per row value, then the totals."""
    corner = f"{label(register, choice.rows)} \\ {label(register, choice.columns)}"
    total = gettext("Total")
    headers = [corner, *(column.label for column in table.columns), total]
    rows = [[line.label, *(cell.count for cell in line.cells), line.total] for line in table.rows]
    rows.append([total, *(column.total for column in table.columns), table.total])
    return headers, rows


def search_parameters(data):
    """``[(name, value)]`` of the search's own parameters in ``data``: the form keeps them when the facets change."""
    return [(key, value) for key, values in data.lists() if key not in ("page", "rows", "cols") for value in values]


def with_facets(data, rows, columns):
    """The query string of ``data`` with ``rows`` and ``cols`` set (the page dropped)."""
    params = QueryDict(mutable=True)
    for key, values in data.lists():
        if key not in ("page", "rows", "cols"):
            params.setlist(key, values)
    params["rows"], params["cols"] = rows, columns
    return params.urlencode()
