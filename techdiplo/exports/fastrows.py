"""Export rows read as plain tuples: the staff exports of whole registers (up to 100,000 records).

Building a model instance, its related managers and the prefetch querysets per row cost ~1.3 ms a row
(~750 rows/s); SQL was a small part of it. Here every cell comes from its column's ``Fast`` declaration:
one ``values_list()`` query streams the rows (a server-side cursor on PostgreSQL) and, per chunk of rows,
one query per multi-valued relation fetches ``(owner pk, value, ...)`` for the chunk's ids, grouped in a dict.
"""

from itertools import islice

from .columns import UrlColumn, _first_values, plain


def supported(spec):
    """Whether every column of ``spec`` says how to read it without model instances."""
    return all(c.fast is not None for c in spec.columns)


def _readers(spec, base_url):
    """Per column ``(kind, where, cell)``: ``("row", value indexes, cell)`` or ``("related", fetch, cell)``."""
    paths = ["pk"]
    readers = []
    for column in spec.columns:
        fast = column.fast
        if fast.related is not None:
            readers.append(("related", fast.related, fast.cell or _first_values))
            continue
        indexes = []
        for path in fast.paths:
            if path not in paths:
                paths.append(path)
            indexes.append(paths.index(path))
        cell = fast.cell
        if isinstance(column, UrlColumn):
            cell = column.fast_cell(spec.model, base_url)
        readers.append(("row", tuple(indexes), cell))
    return paths, readers


def _group(rows):
    grouped = {}
    for owner, *values in rows:
        if any(v is not None for v in values):
            grouped.setdefault(owner, []).append(values)
    return grouped


def fast_rows(spec, queryset, base_url, chunk_size):
    """Rows of ``queryset`` in its order, with the same cells as ``spec.row()`` on model instances.

    Queries: the streamed SELECT of the rows, plus per chunk of ``chunk_size`` rows one per distinct
    ``Fast.related`` of the spec (initiatives 6, researchers 3, partnerships 2).
    """
    paths, readers = _readers(spec, base_url)
    fetches = list(dict.fromkeys(where for kind, where, _ in readers if kind == "related"))
    rows = queryset.values_list(*paths).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        ids = [row[0] for row in chunk]
        related = {fetch: _group(fetch(spec.model, ids)) for fetch in fetches}
        for row in chunk:
            cells = []
            for kind, where, cell in readers:
                if kind == "related":
                    value = cell(related[where].get(row[0], []))
                elif cell is None:
                    value = row[where[0]]
                else:
                    value = cell(*(row[i] for i in where))
                cells.append(plain(value))
            yield cells
