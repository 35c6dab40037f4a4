"""PostgreSQL: an export's rows and their multi-valued cells from one streamed query.

Fetching the related rows per chunk and grouping them in Python turns every related row into tuples, dicts
and joined text, a query per relation per chunk. Here the export's own query (Django's SQL, its rows numbered
in its order) is a CTE, and each relation is aggregated once, for the export's records only, into finished
cells (``related.aggregate_cells``) LEFT JOINed to it:

    WITH export_rows (c0, .., cN, export_row) AS (<the export's values_list() with a row number>)
    SELECT r.c0, .., r.cN, COALESCE(a0.cell0, <empty cell>), ..
    FROM export_rows r LEFT JOIN (<relation 0's cells of the export's records>) a0 (owner, cell0, ..)
    ON a0.owner = r.c0 .. ORDER BY r.export_row

Most of its time is the per-record sorts of the ordered aggregates. The alternatives are slower: a correlated
subquery per cell plans once per record; aggregating per chunk of ids reads scattered ids; restricting the
aggregates to the CTE's ids rather than to the export's own filter leaves the planner without an estimate
(it cannot estimate a CTE). The figures are in the README ("Benchmark").
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, transaction
from django.db.models import Window
from django.db.models.functions import RowNumber
from psycopg.types.datetime import TimestamptzLoader

from .cells import first_values
from .related import aggregate_cells, joined

ROWS = "export_rows"  # the CTE


def supports(queryset):
    """Whether the export's query can be numbered in its order and wrapped (no DISTINCT, slice or extra).

    Ordering by a relation's name (``order_by("lead_organization")``) means the related model's own ordering
    to ``order_by()`` but the foreign key to a window: such exports keep the per-chunk reader.
    """
    query = queryset.query
    if query.distinct or query.is_sliced or query.extra_order_by or query.combinator:
        return False
    return all(_plain_order(queryset, item) for item in _ordering(queryset))


def _plain_order(queryset, item):
    if not isinstance(item, str):
        return True  # an expression: compiled the same in ORDER BY and in the window
    name = item.removeprefix("-")
    if name in queryset.query.annotations or name == "pk":
        return True
    model, field = queryset.model, None
    for part in name.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # "?", an annotation's transform: not worth the risk
            return False
        model = field.related_model
    return not field.is_relation


def _ordering(queryset):
    query = queryset.query
    if query.order_by:
        return list(query.order_by)
    if query.default_ordering:
        return list(queryset.model._meta.ordering)
    return []


def _numbered(queryset, paths):
    """The export's values_list() SQL and params, each row numbered in the queryset's order."""
    number = Window(RowNumber(), order_by=_ordering(queryset) or None)
    return queryset.annotate(export_row=number).order_by().values_list(*paths, "export_row").query.sql_with_params()


def _slots(spec):
    """``{Related.group: [(related, aggregate)]}`` and, per multi-valued column in order, (group, member, empty)."""
    groups, slots = {}, []
    for column in spec.columns:
        from_row = column.from_row
        if from_row.related is None:
            continue
        members = groups.setdefault(from_row.related.group, [])
        slots.append((list(groups).index(from_row.related.group), len(members), (from_row.cell or first_values)(())))
        members.append((from_row.related, from_row.aggregate or joined))
    return groups, slots


def aggregated_sql(spec, queryset, paths, every_record=False):
    """``every_record``: the queryset holds (nearly) every record of its model, so the relations are aggregated
    whole rather than restricted to the export's records (the restriction costs more than the few rows it leaves
    out; the join to the export's rows drops those). The rows are the same either way."""
    base, base_params = _numbered(queryset, paths)
    names = [f"c{i}" for i in range(len(paths))]
    owners = None if every_record else queryset.values("pk")  # the export's filter (Django drops its ordering)
    groups, slots = _slots(spec)
    selects = [f'r."{name}"' for name in names] + [f'COALESCE(a{g}."cell{m}", %s)' for g, m, _ in slots]
    joins, join_params = [], []
    for g, members in enumerate(groups.values()):
        sql, params = aggregate_cells(spec.model, owners, members).query.sql_with_params()
        cell_names = ", ".join(f'"cell{m}"' for m in range(len(members)))
        joins.append(f'LEFT JOIN ({sql}) AS a{g} ("owner", {cell_names}) ON a{g}."owner" = r."c0"')
        join_params.extend(params)
    # Django's SQL and ours, every value a parameter.
    sql = f'WITH "{ROWS}" ({", ".join(names)}, "export_row") AS ({base}) '
    sql += f'SELECT {", ".join(selects)} FROM "{ROWS}" r {" ".join(joins)} ORDER BY r."export_row"'  # noqa: S608
    return sql, [*base_params, *(empty for _, _, empty in slots), *join_params]


def aggregated_rows(spec, queryset, paths, chunk_size, every_record=False):
    """Chunks of rows: the ``paths``' values, then each multi-valued column's cell, in column order.

    The server-side cursor is read inside a transaction: outside one (autocommit), Django declares it
    ``WITH HOLD``, and PostgreSQL then copies the whole result into a store of its own (a temporary file at
    this size) before the first row is fetched, written once and read back once more. The transaction stays
    open while the rows are read (until the download ends or is dropped); it writes nothing, so inside
    another transaction it needs no savepoint.
    """
    sql, params = aggregated_sql(spec, queryset, paths, every_record)
    with transaction.atomic(using=queryset.db, savepoint=False), connections[queryset.db].chunked_cursor() as cursor:
        # psycopg's own loader of time stamps (C, zone-aware), not Django's pure-Python subclass of it: the
        # cells convert every time to the site's zone anyway.
        cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(chunk_size):
            yield chunk
