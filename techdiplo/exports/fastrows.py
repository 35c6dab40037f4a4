"""Export rows read as plain tuples: the staff exports of whole registers (up to 100,000 records).

Building a model instance, its related managers and the prefetch querysets per row cost ~1.3 ms a row
(~750 rows/s); SQL was a small part of it. Here every cell comes from its column's ``Fast`` declaration:
one streamed query (a server-side cursor) reads the rows with their multi-valued cells (``Fast.related``)
aggregated in SQL (``aggregated``), so Python only picks values out of the row. Each column becomes one
small getter of a row, chosen once, so the per-row loop does no dispatching.
"""

from operator import itemgetter

from django.db.models import DateField, DateTimeField
from django.utils import timezone

from .aggregated import aggregated_rows, supports
from .columns import UrlColumn, plain


def supported(spec, queryset):
    """Whether every column of ``spec`` says how to read it without model instances, and ``queryset`` can be
    wrapped in the aggregating query (``aggregated.supports``)."""
    return all(c.fast is not None for c in spec.columns) and supports(queryset)


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


def _getters(spec, base_url):
    """The row's ``values_list()`` paths and one getter per column (the aggregated cells follow the paths)."""
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
    for n, (position, _fast) in enumerate(related):
        getters[position] = itemgetter(len(paths) + n)
    return paths, getters


def fast_rows(spec, queryset, base_url, chunk_size):
    """Rows of ``queryset`` in its order, with the same cells as ``spec.row()`` on model instances, read
    ``chunk_size`` at a time. One query. Only where ``supported(spec, queryset)``."""
    paths, getters = _getters(spec, base_url)
    for chunk in aggregated_rows(spec, queryset, paths, chunk_size):
        for row in chunk:
            yield [get(row) for get in getters]
