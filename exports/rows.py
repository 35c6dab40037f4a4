"""Export rows read as plain tuples: the staff exports of whole registers.

Building a model instance, its related managers and the prefetch querysets per row costs far more than the
SQL that reads it. Here every cell comes from its column's ``FromRow`` declaration:
one streamed query (a server-side cursor) reads the rows with their multi-valued cells (``FromRow.related``)
aggregated in SQL (``aggregated``), so Python only picks values out of the row. Each column becomes one
small getter of a row, chosen once, so the per-row loop does no dispatching.
"""

from operator import itemgetter

from django.db.models import DateField, DateTimeField
from django.utils import timezone

from .aggregated import aggregated_rows, supports
from .cells import plain, typed
from .columns import UrlColumn


def supported(spec, queryset):
    """Whether every column of ``spec`` says how to read it without model instances, and ``queryset`` can be
    wrapped in the aggregating query (``aggregated.supports``)."""
    return all(c.from_row is not None for c in spec.columns) and supports(queryset)


def _field(model, path):
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return field


def _row_getter(model, from_row, indexes, cell, as_typed):
    convert = typed if as_typed else plain
    if cell is not None and len(indexes) == 1:
        index = indexes[0]
        return lambda row: convert(cell(row[index]))
    if cell is not None:
        return lambda row: convert(cell(*[row[i] for i in indexes]))
    get = itemgetter(indexes[0])
    field = _field(model, from_row.paths[0])
    if isinstance(field, DateTimeField):  # as ``plain()``/``typed()``, with the time zone looked up once
        zone = timezone.get_current_timezone()
        if as_typed:
            return lambda row: None if (value := get(row)) is None else value.astimezone(zone).replace(tzinfo=None)
        return lambda row: None if (value := get(row)) is None else value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(field, DateField) and not as_typed:
        return lambda row: None if (value := get(row)) is None else value.isoformat()
    return get


def _getters(spec, base_url, as_typed):
    """The row's ``values_list()`` paths and one getter per column (the aggregated cells follow the paths)."""
    paths = ["pk"]
    getters = []
    related = []
    for column in spec.columns:
        from_row = column.from_row
        if from_row.related is not None:
            related.append((len(getters), from_row))
            getters.append(None)
            continue
        indexes = []
        for path in from_row.paths:
            if path not in paths:
                paths.append(path)
            indexes.append(paths.index(path))
        cell = column.row_cell(spec.model, base_url) if isinstance(column, UrlColumn) else from_row.cell
        getters.append(_row_getter(spec.model, from_row, indexes, cell, as_typed))
    for n, (position, _from_row) in enumerate(related):
        getters[position] = itemgetter(len(paths) + n)
    return paths, getters


def tuple_rows(spec, queryset, base_url, chunk_size, as_typed=False):
    """Rows of ``queryset`` in its order, with the same cells as ``spec.row()`` on model instances, read
    ``chunk_size`` at a time. One query. Only where ``supported(spec, queryset)``.

    ``as_typed``: dates and times as ``cells.typed()`` gives them (for XLSX), not as ISO 8601 text."""
    paths, getters = _getters(spec, base_url, as_typed)
    for chunk in aggregated_rows(spec, queryset, paths, chunk_size):
        for row in chunk:
            yield [get(row) for get in getters]
