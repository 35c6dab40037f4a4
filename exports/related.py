"""The multi-valued cells of the row reader (``FromRow.related``), aggregated in SQL.

A ``Related`` knows the rows of one relation of the exported records, keyed by the owner's pk. ``aggregate_cells()``
aggregates them in SQL, one row per owner with the finished cells (see ``rows``); each column's
``FromRow.aggregate`` is the SQL twin of its ``FromRow.cell`` (which reads model instances), and the test
comparing the row and model readers holds both to the same text.
"""

import functools

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Collate, NullIf

from .cells import SEPARATOR


def joined(expression, *more):
    """SQL giving ``cells.join()`` of the first value: distinct, non-empty, as text, sorted, "; "-joined.

    The "C" collation sorts by code point as Python's ``sorted()`` does (UTF-8 byte order is code point
    order), whatever the database's collation. ``NULL`` when there is no value (the reader reads "").
    """
    text = Collate(NullIf(Cast(expression, TextField()), Value("")), "C")
    return StringAgg(text, SEPARATOR, distinct=True, order_by=text)


class Related:
    """The rows of one relation of the exported records: ``(owner pk, *paths)``, only owners that have some.

    ``source(model)`` gives ``(queryset, owner, paths)``: the relation's unordered rows, the path of the
    owner's pk in them and the value paths. Relateds with the same ``group`` (the countries' codes and their
    regions) share a source and are aggregated in one subquery.
    """

    def __init__(self, source, group):
        self.source, self.group = source, group


def aggregate_cells(model, owners, members):
    """One row per owner with related rows: ``(owner pk, cell, ...)``, a cell per ``(related, aggregate)``.

    ``owners`` is an ``__in`` right-hand side (``None``: every owner); ``members`` share one ``Related.group``;
    ``aggregate(*path expressions)`` is an SQL aggregate.
    """
    rows, owner, _ = members[0][0].source(model)
    names = {}
    for n, (related, aggregate) in enumerate(members):
        names[f"cell{n}"] = aggregate(*[F(path) for path in related.source(model)[2]])
    if owners is not None:
        rows = rows.filter(**{f"{owner}__in": owners})
    rows = rows.values(owner).annotate(**names)
    return rows.values_list(owner, *names)


@functools.cache
def related_values(*paths):
    """A ``Related`` reading ``paths`` (all through one relation of the exported model).

    Read from the relation's own table (the many-to-many link table, or the rows whose foreign key points at
    the record), so a record without related rows has none and the record's table is not joined. Cached, so
    columns declaring the same paths share one aggregating subquery.
    """
    relation = paths[0].split("__")[0]
    return Related(functools.partial(_relation_source, relation, paths), group=("relation", relation))


@functools.cache
def _relation_source(relation, paths, model):
    field = model._meta.get_field(relation)
    if field.many_to_many and not field.auto_created:  # forward: the link table's two foreign keys
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = field.remote_field.through._base_manager.order_by()
        return rows, owner, tuple(target + path.removeprefix(relation) for path in paths)
    if field.one_to_many:  # reverse foreign key: the related rows themselves
        rows = field.related_model._base_manager.order_by()
        return rows, field.field.name, tuple(path.removeprefix(relation + "__") for path in paths)
    rows = model._base_manager.filter(**{f"{relation}__isnull": False}).order_by()  # any other: through the model
    return rows, "pk", paths
