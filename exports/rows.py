"""Export rows read as plain tuples: the staff exports of whole registers.

Building a model instance, its related managers and the prefetch querysets per row costs far more than the
SQL that reads it. Here every cell comes from its column's ``FromRow`` declaration:
one streamed query (a server-side cursor) reads the rows with their multi-valued cells (``FromRow.related``)
aggregated in SQL (``aggregated``), so Python only picks values out of the row. How to read each column is
chosen once, so the per-row loop does no dispatching.
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


def _reader(model, from_row, indexes, cell, as_typed):
    """``(index, convert)``: the cell is the row's value at ``index``, passed through ``convert`` unless it is
    ``None``; with ``index`` ``None``, ``convert(row)`` (a cell of several values)."""
    convert = typed if as_typed else plain
    if cell is not None and len(indexes) == 1:
        return indexes[0], lambda value: convert(cell(value))
    if cell is not None:
        return None, lambda row: convert(cell(*[row[i] for i in indexes]))
    field = _field(model, from_row.paths[0])
    if isinstance(field, DateTimeField):  # as ``plain()``/``typed()``, with the time zone looked up once
        zone = timezone.get_current_timezone()
        if as_typed:
            return indexes[0], lambda value: None if value is None else value.astimezone(zone).replace(tzinfo=None)
        return indexes[0], lambda value: None if value is None else value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(field, DateField) and not as_typed:
        return indexes[0], lambda value: None if value is None else value.isoformat()
    return indexes[0], None


def _readers(spec, base_url, as_typed):
    """The row's ``values_list()`` paths and one ``_reader()`` per column (the aggregated cells follow the paths)."""
    paths = ["pk"]
    readers = []
    related = []
    for column in spec.columns:
        from_row = column.from_row
        if from_row.related is not None:
            related.append(len(readers))
            readers.append(None)
            continue
        indexes = []
        for path in from_row.paths:
            if path not in paths:
                paths.append(path)
            indexes.append(paths.index(path))
        if isinstance(column, UrlColumn):  # text already: no conversion
            readers.append((indexes[0], column.row_cell(spec.model, base_url)))
        else:
            readers.append(_reader(spec.model, from_row, indexes, from_row.cell, as_typed))
    for n, position in enumerate(related):
        readers[position] = (len(paths) + n, None)
    return paths, readers


def tuple_rows(spec, queryset, base_url, chunk_size, as_typed=False, every_record=False):
    """Rows of ``queryset`` in its order, with the same cells as ``spec.row()`` on model instances, read
    ``chunk_size`` at a time. One query. Only where ``supported(spec, queryset)``.

    ``as_typed``: dates and times as ``cells.typed()`` gives them (for XLSX), not as ISO 8601 text.
    ``every_record``: the queryset is the whole register (see ``aggregated.aggregated_sql``).

    Every row goes through one ``itemgetter`` of all its columns; only the cells that need it (dates, URLs)
    pass through a function, so the inner loop makes a few calls per row rather than one per cell.
    """
    paths, readers = _readers(spec, base_url, as_typed)
    indexes = [0 if index is None else index for index, _ in readers]
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda row: (row[indexes[0]],)
    converted = [(position, index is None, convert) for position, (index, convert) in enumerate(readers) if convert]
    for chunk in aggregated_rows(spec, queryset, paths, chunk_size, every_record):
        for row in chunk:
            cells = list(pick(row))
            for position, whole_row, convert in converted:
                cells[position] = convert(row if whole_row else cells[position])
            yield cells
