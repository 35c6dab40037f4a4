"""Export rows read as plain tuples: the staff exports of whole registers (up to 100,000 records).

Building a model instance, its related managers and the prefetch querysets per row cost ~1.3 ms a row
(~750 rows/s); SQL was a small part of it. Here every cell comes from its column's ``Fast`` declaration:
one ``values_list()`` query streams the rows (a server-side cursor on PostgreSQL).

The multi-valued cells (``Fast.related``): on PostgreSQL the same query aggregates them (``aggregated``),
so Python only picks values out of the row; elsewhere one query per relation per chunk of rows fetches
``(owner pk, value, ...)`` for the chunk's ids, grouped in a dict and turned into cells in Python.
Each column becomes one small getter of a row, chosen once, so the per-row loop does no dispatching.
"""

from itertools import islice
from operator import itemgetter

from django.db import connections
from django.db.models import DateField, DateTimeField
from django.utils import timezone

from .aggregated import aggregated_rows, supports
from .columns import UrlColumn, _first_values, plain


def supported(spec):
    """Whether every column of ``spec`` says how to read it without model instances."""
    return all(c.fast is not None for c in spec.columns)


def _field(model, path):
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return field


def _row_getter(model, fast, indexes, cell):
    if cell is not None and len(indexes) == 1:
        index = indexes[0]
        return lambda row: plain(cell(row[index]))
    if cell is not None:
        return lambda row: plain(cell(*[row[i] for i in indexes]))
    get = itemgetter(indexes[0])
    field = _field(model, fast.paths[0])
    if isinstance(field, DateTimeField):  # as ``plain()``, with the time zone looked up once, not per row
        zone = timezone.get_current_timezone()
        return lambda row: None if (value := get(row)) is None else value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(field, DateField):
        return lambda row: None if (value := get(row)) is None else value.isoformat()
    return get


def _grouped_getter(groups, fast):
    fetch, cell = fast.related, fast.cell or _first_values
    return lambda row: cell(groups[fetch].get(row[0], ()))


def _getters(spec, base_url, related_getter):
    """The row's ``values_list()`` paths and one getter per column.

    ``related_getter(fast, n, width)`` makes the getter of the ``n``-th multi-valued column, ``width`` being
    the number of paths (the aggregated cells follow them in the row).
    """
    paths = ["pk"]
    getters = []
    related = []
    for column in spec.columns:
        fast = column.fast
        if fast.related is not None:
            related.append((len(getters), fast))
            getters.append(None)
            continue
        indexes = []
        for path in fast.paths:
            if path not in paths:
                paths.append(path)
            indexes.append(paths.index(path))
        cell = column.fast_cell(spec.model, base_url) if isinstance(column, UrlColumn) else fast.cell
        getters.append(_row_getter(spec.model, fast, indexes, cell))
    for n, (position, fast) in enumerate(related):
        getters[position] = related_getter(fast, n, len(paths))
    return paths, getters


def _group(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def fast_rows(spec, queryset, base_url, chunk_size):
    """Rows of ``queryset`` in its order, with the same cells as ``spec.row()`` on model instances.

    Queries: on PostgreSQL one (the streamed SELECT with the multi-valued cells aggregated). Elsewhere the
    streamed SELECT of the rows, plus per chunk of ``chunk_size`` rows one per distinct ``Fast.related`` of
    the spec (initiatives 6, researchers 3, partnerships 2).
    """
    if connections[queryset.db].vendor == "postgresql" and supports(queryset):
        paths, getters = _getters(spec, base_url, lambda fast, n, width: itemgetter(width + n))
        for chunk in aggregated_rows(spec, queryset, paths, chunk_size):
            for row in chunk:
                yield [get(row) for get in getters]
        return
    groups = {}  # fetch -> {owner pk: [value tuples]} for the current chunk
    paths, getters = _getters(spec, base_url, lambda fast, n, width: _grouped_getter(groups, fast))
    fetches = list(dict.fromkeys(c.fast.related for c in spec.columns if c.fast.related is not None))
    rows = queryset.values_list(*paths).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        ids = [row[0] for row in chunk]
        for fetch in fetches:
            groups[fetch] = _group(fetch(spec.model, ids))
        for row in chunk:
            yield [get(row) for get in getters]
