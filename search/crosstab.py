"""A cross-tab of a search: two facets as rows and columns, every cell counted from the facet bitmaps.

The counts follow the facet rule (docs/architecture.md): a cell (r, c) is the number of results of the same
search with the row facet's selection replaced by r and the column facet's selection replaced by c; a row's
total is the search with the row facet's selection replaced by r (the column facet's selection kept), which is
the search page's count beside r; the grand total is the search's result count. Shown rows are the row facet's
selected values when it has a selection, otherwise every value with a result (columns alike).

Cost: one query (``Search`` itself costs one more, the facet choices), whatever the facets:

    every & (the other facets, ranges, text)           -> base
    bit_count(r & c & base)                            for every shown row value r and column value c
    bit_count(r & base & C's selection)                 the row totals
    bit_count(c & base & R's selection)                 the column totals
    bit_count(base & R's selection & C's selection)     the total
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.http import QueryDict

from .bitmaps import _bits, _clauses, _matched, _matches, _value_keys


@dataclass
class Line:
    """A row (or column) of the cross-tab: its facet value, label, total and the URL of the total's search."""

    value: str
    label: str
    total: int = 0
    url: str = ""
    cells: list = field(default_factory=list)  # rows only: one Cell per column


@dataclass
class Cell:
    count: int
    url: str
    level: int  # 0 (no result) to LEVELS: the heatmap's shade


LEVELS = 5


@dataclass
class CrossTab:
    rows: list
    columns: list
    total: int
    total_url: str
    largest: int  # the largest cell


def facet_names(register):
    return [facet.name for facet in register.facets]


def compute(search, row_facet, column_facet, list_url):
    """The :class:`CrossTab` of ``search`` by ``row_facet`` × ``column_facet`` (two different facet names of the
    search's register), each count linking to its search on ``list_url`` (the register's search page)."""
    counts = _count(search, row_facet, column_facet)
    rows = _lines(search, row_facet, counts["row"])
    columns = _lines(search, column_facet, counts["column"])
    links = _Links(search.data, list_url)
    for line in rows:
        line.url = links.url({row_facet: line.value})
    for line in columns:
        line.url = links.url({column_facet: line.value})
    cells = counts["cell"]
    largest = max(cells.values(), default=0)
    values = [column.value for column in columns]
    for line in rows:
        urls = links.crossed(row_facet, line.value, column_facet, values)
        for value, url in zip(values, urls, strict=True):
            n = cells.get((line.value, value), 0)
            line.cells.append(Cell(n, url, _level(n, largest)))
    return CrossTab(rows, columns, counts["total"], links.url({}), largest)


def _level(n, largest):
    if not n:
        return 0
    return max(1, -(-n * LEVELS // largest))  # ceil(n / largest * LEVELS)


def _lines(search, name, totals):
    """The shown values of facet ``name``: its selection, else every value with a result; long facets by total."""
    labels = search.choices.get(name, {})
    selected = search.selected[name]
    values = selected or [value for value in labels if totals.get(value)]
    lines = [Line(value, labels.get(value, value), totals.get(value, 0)) for value in values]
    if search.register.facet(name).long:
        lines.sort(key=lambda line: -line.total)
    return lines


def _count(search, row_facet, column_facet):
    """``{"cell": {(r, c): n}, "row": {r: n}, "column": {c: n}, "total": n}`` in one query (nonzero counts)."""
    register = search.register.name
    clauses = _clauses(search, with_text=True)
    others = [c for c in clauses if c[0] not in (row_facet, column_facet)]
    row_clauses = [c for c in clauses if c[0] == row_facet]
    column_clauses = [c for c in clauses if c[0] == column_facet]
    ctes, params = [], []
    for name, matching in _matched(search).items():  # the text's matches (and the API's updated_since)
        sql, matched_params = _matches(search, name, matching)
        ctes.append(sql)
        params += matched_params
    for name, parts in (
        ("base", others),
        ("base_rows", others + column_clauses),  # what a row's total counts in
        ("base_columns", others + row_clauses),
        ("base_all", others + row_clauses + column_clauses),
    ):
        sql, bits_params = _bits(register, parts)
        if name in ("base_rows", "base_columns"):
            sql = f"substring({sql} FROM 1 FOR (SELECT n FROM cut))"  # noqa: S608 (our SQL)
        ctes.append(f"{name} AS MATERIALIZED (SELECT {sql} AS bits)")
        params += bits_params
        if name == "base":
            # A bitmap is as wide as the register's largest id rounded up: past base's last record every bit is
            # 0, so the bitmaps ANDed cell by cell are cut there. cut holds that width and base cut to it, computed
            # once (base may be a stored bitmap, which each value's AND would read again from its TOAST table).
            ctes.append(
                "cut AS MATERIALIZED (SELECT n, substring(bits FROM 1 FOR n) AS bits "
                "FROM (SELECT length(rtrim(bits::text, '0')) AS n, bits FROM base) AS w)"
            )
    for name, facet in (("r", row_facet), ("c", column_facet)):
        sql, facet_params = _values(search, facet)
        ctes.append(f"{name} AS MATERIALIZED ({sql})")
        params += facet_params
    # r and c hold each value's bitmap ANDed with base: a computed value, read from memory by every cell, where a
    # stored bitmap would be fetched again from its TOAST table each time the cross join named it. Since base is
    # in both base_rows and base_columns, r & base_rows is still "r & the row total's search"; without a
    # selection in the other facet, base_rows (or base_columns) is base, already in r (or c).
    row_total = "bit_count(r.bits & base_rows.bits)" if column_clauses else "bit_count(r.bits)"
    column_total = "bit_count(c.bits & base_columns.bits)" if row_clauses else "bit_count(c.bits)"
    # OFFSET 0 keeps the cells' subquery whole: flattened, the filter on n would AND every pair of bitmaps a second
    # time (once in the join's filter, once in its output), and those ANDs are nearly all of the query's work.
    query = (
        f"WITH {', '.join(ctes)} "  # noqa: S608 (our SQL; every value is a parameter)
        "SELECT 'cell', value, column_value, n FROM ("
        " SELECT r.value, c.value AS column_value, bit_count(r.bits & c.bits) AS n FROM r, c OFFSET 0"
        ") AS cells WHERE n > 0 "
        f"UNION ALL SELECT 'row', r.value, '', {row_total} FROM r, base_rows "
        f"UNION ALL SELECT 'column', '', c.value, {column_total} FROM c, base_columns "
        "UNION ALL SELECT 'total', '', '', bit_count(bits) FROM base_all"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        found = cursor.fetchall()
    return _read(search, row_facet, column_facet, found)


def _values(search, facet):
    """SQL of ``(value, bits & base)`` of the facet's selected values, or of all its values (those with a
    record in base), cut to base's width."""
    sql = (
        "SELECT value, substring(b.bits FROM 1 FOR cut.n) & cut.bits AS bits "
        "FROM search_facet_bitmap AS b, cut WHERE register = %s AND facet = %s"
    )
    params = [search.register.name, facet]
    selected = search.selected[facet]
    if selected:
        sql += " AND value = ANY(%s)"
        params.append(_value_keys(search, facet, selected))
    # OFFSET 0 keeps the subquery whole: flattened, its AND would be computed again for the filter.
    return f"SELECT value, bits FROM ({sql} OFFSET 0) AS v WHERE bit_count(bits) > 0", params  # noqa: S608


def _read(search, row_facet, column_facet, found):
    def value_of(name):
        ids = search.ids.get(name)
        by_key = {str(pk): value for value, pk in ids.items()} if ids is not None else None
        return (lambda key: by_key.get(key)) if by_key is not None else (lambda key: key)

    row_value, column_value = value_of(row_facet), value_of(column_facet)
    counts = {"cell": {}, "row": {}, "column": {}, "total": 0}
    for kind, row_key, column_key, n in found:
        if kind == "total":
            counts["total"] = n or 0
        elif kind == "cell":
            counts["cell"][(row_value(row_key), column_value(column_key))] = n
        elif kind == "row" and n:
            counts["row"][row_value(row_key)] = n
        elif kind == "column" and n:
            counts["column"][column_value(column_key)] = n
    return counts


class _Links:
    """URLs of the search with some facets' selections replaced by one value each (page, rows, cols dropped).

    The rest of the query string is encoded once per facet set replaced, and each replaced value once, not once
    per cell: a cross-tab of every country by every policy area has thousands of cells."""

    DROPPED = ("page", "rows", "cols")

    def __init__(self, data, list_url):
        self.data = data
        self.list_url = list_url
        self._rest = {}
        self._parts = {}

    def url(self, replaced):
        parts = [self._rest_of(replaced), *(self._part(key, value) for key, value in replaced.items())]
        query = "&".join(part for part in parts if part)
        return f"{self.list_url}?{query}" if query else self.list_url

    def crossed(self, row_facet, row_value, column_facet, column_values):
        """``[url({row_facet: row_value, column_facet: value}) for value in column_values]``: a row of cells, the
        part its URLs share joined once."""
        shared = "&".join(
            part for part in (self._rest_of((row_facet, column_facet)), self._part(row_facet, row_value)) if part
        )
        return [f"{self.list_url}?{shared}&{self._part(column_facet, value)}" for value in column_values]

    def _rest_of(self, replaced):
        names = tuple(sorted(replaced))
        if names not in self._rest:
            params = QueryDict(mutable=True)
            for key, values in self.data.lists():
                if key not in self.DROPPED and key not in replaced:
                    params.setlist(key, values)
            self._rest[names] = params.urlencode()
        return self._rest[names]

    def _part(self, key, value):
        if (key, value) not in self._parts:
            self._parts[key, value] = urlencode({key: value})
        return self._parts[key, value]
