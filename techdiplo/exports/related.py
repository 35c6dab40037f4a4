"""The multi-valued cells of the fast reader (``Fast.related``): rows per chunk, or cells aggregated in SQL.

A ``Related`` knows the rows of one relation of the exported records, keyed by the owner's pk. Called with a
chunk's ids it returns ``(owner pk, value, ...)`` rows that Python groups (SQLite). ``cells()`` instead
aggregates them in SQL, one row per owner with the finished cells (PostgreSQL, see ``fastrows``); each
column's ``Fast.aggregate`` is the SQL twin of its ``Fast.cell``, and the test comparing the fast and model
readers holds both to the same text.
"""

import functools

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Collate, NullIf

SEPARATOR = "; "


def among(ids):
    """The right-hand side of an ``__in`` filter on a chunk's ids.

    On PostgreSQL one array parameter: with 2,000 separate parameters Django's and psycopg's per-parameter
    work (preparing each value, splitting the query) cost more than running the query.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return ids


def joined(expression, *more):
    """SQL giving ``columns.join()`` of the first value: distinct, non-empty, as text, sorted, "; "-joined.

    The "C" collation sorts by code point as Python's ``sorted()`` does (UTF-8 byte order is code point
    order), whatever the database's collation. ``NULL`` when there is no value (the reader reads "").
    """
    text = Collate(NullIf(Cast(expression, TextField()), Value("")), "C")
    return StringAgg(text, SEPARATOR, distinct=True, order_by=text)


class Related:
    """The rows of one relation of the exported records: ``(owner pk, *paths)``, only owners that have some.

    ``owned(model, owners)`` is the unordered queryset of those rows for an ``__in`` right-hand side of owner
    pks, ``owner`` the path of the owner's pk in it. Relateds sharing ``owned`` and ``owner`` (the countries'
    codes and their regions) are aggregated in one subquery.
    """

    def __init__(self, owned, owner, paths):
        self.owned, self.owner, self.paths = owned, owner, paths

    def __call__(self, model, ids):
        """The rows of a chunk's owners (grouped in Python by the reader)."""
        return self.owned(model, among(ids)).values_list(self.owner, *self.paths)

    @property
    def group(self):
        return (self.owned, self.owner)

    def expressions(self):
        return [F(path) for path in self.paths]


def cells(model, owners, members):
    """One row per owner with related rows: ``(owner pk, cell, ...)``, a cell per ``(related, aggregate)``.

    ``members`` share one ``Related.group``; ``aggregate(*path expressions)`` is an SQL aggregate.
    """
    first = members[0][0]
    names = {f"cell{n}": aggregate(*related.expressions()) for n, (related, aggregate) in enumerate(members)}
    rows = first.owned(model, owners).values(first.owner).annotate(**names)
    return rows.values_list(first.owner, *names)


@functools.cache
def _through_relation(relation):
    def owned(model, owners):
        return model._base_manager.filter(pk__in=owners, **{f"{relation}__isnull": False}).order_by()

    return owned


@functools.cache
def related_values(*paths):
    """A ``Related`` reading ``paths`` (all through one relation of the exported model).

    The model INNER JOINed to the relation, so a record without related rows has none. Cached, so columns
    declaring the same paths share one query per chunk.
    """
    return Related(_through_relation(paths[0].split("__")[0]), "pk", paths)
