"""Likely duplicates: records whose names are very similar (pg_trgm), in Latin and Japanese script alike.

A register or reference model declares its ``duplicate_keys``: expressions of its names, each with a
trigram GiST index built from the same expression (``trigram_index``). The pairs live in a table
(``DuplicatePair``) kept by row triggers in the same transaction as the records (editorial migration 0002 and
each register's ``duplicate_pairs`` migration), so the curation page reads them and covers every record:

- a record inserted or renamed is paired with the three nearest names of each key (one GiST KNN probe a key,
  ``ORDER BY key <-> the record's key LIMIT 3``), those with a similarity of ``FLOOR`` or more;
- a record renamed or deleted (a merge deletes) loses its pairs, and a partner left without any is probed
  again, so it meets its next-nearest name;
- a bulk load defers the triggers (``deferred``) and rebuilds once, set-based (``rebuild``).

Every record with a name at least ``FLOOR`` similar to another's is thus in at least one pair; the page
shows those at ``CURATION_DUPLICATE_SIMILARITY`` or more (which cannot be set below ``FLOOR``).
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.indexes import GistIndex, OpClass
from django.db import connection
from django.db.models import Count, F, OuterRef, Subquery, Window

from .models import DuplicatePair

FLOOR = 0.5  # frozen in the migrations' SQL: the lowest similarity a pair is kept at


def trigram_index(key, name):
    """The GiST index that serves ``key``'s nearest-neighbour search (``gist_trgm_ops``, from pg_trgm)."""
    return GistIndex(OpClass(key, name="gist_trgm_ops"), name=name)


def kind(model):
    """What a pair's ``kind`` holds for ``model``'s records (and what the merge form posts)."""
    return f"{model._meta.app_label}.{model._meta.model_name}"


@dataclass(frozen=True)
class Pair:
    first: object  # the older record (lower id): the one kept by default
    second: object
    similarity: float


def likely_duplicates(model, threshold, limit):
    """``(pairs, total)``: the ``limit`` most similar pairs of ``model`` at ``threshold`` or more, and how
    many there are in all. Queries: two (the pairs with their total; their records, with what their names
    read, so listing the pairs runs no query)."""
    pairs = DuplicatePair.objects.filter(kind=kind(model), similarity__gte=threshold, dismissed=False)
    for field in getattr(model, "duplicate_same", ()):  # a model's records alike only when these fields agree
        of = {
            end: Subquery(model._base_manager.filter(pk=OuterRef(end)).values(field))
            for end in ("first_id", "second_id")
        }
        pairs = pairs.annotate(**{f"first_{field}": of["first_id"]}).filter(**{f"first_{field}": of["second_id"]})
    rows = list(
        pairs.annotate(total=Window(Count("*")))
        .order_by(F("similarity").desc(), "first_id", "second_id")
        .values_list("first_id", "second_id", "similarity", "total")[:limit]
    )
    if not rows:
        return [], 0
    related = getattr(model, "duplicate_related", ())
    records = model._base_manager.select_related(*related).in_bulk({pk for row in rows for pk in row[:2]})
    pairs = [
        Pair(records[first], records[second], round(similarity, 2))
        for first, second, similarity, _total in rows
        if first in records and second in records
    ]
    return pairs, rows[0][3]


def dismiss(model, first_id, second_id):
    """Mark the pair "not a duplicate"; returns whether there was such a pair. One query."""
    low, high = sorted((int(first_id), int(second_id)))
    return bool(DuplicatePair.objects.filter(kind=kind(model), first_id=low, second_id=high).update(dismissed=True))


def key_sql(model, key):
    """``key`` as SQL over ``model``'s table, constants inlined (what ``editorial_duplicates_rebuild`` takes)."""
    queryset = model._base_manager.annotate(_key=key)
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = queryset.query.annotations["_key"].as_sql(compiler, connection)
    return connection.ops.compose_sql(sql, params)


def rebuild(model):
    """Every pair of ``model`` from scratch, set-based (editorial migration 0002). One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT editorial_duplicates_rebuild(%s, %s::regclass, %s)",
            [kind(model), model._meta.db_table, [key_sql(model, key) for key in model.duplicate_keys]],
        )


def paired_models():
    """Every model that declares ``duplicate_keys`` (each has its triggers)."""
    return [model for model in apps.get_models() if getattr(model, "duplicate_keys", None)]


def rebuild_all():
    for model in paired_models():
        rebuild(model)


@contextmanager
def deferred(then_rebuild=True):
    """Skip the pair triggers of this connection inside the block, then rebuild every kind's pairs once
    (unless the caller does, ``rebuild_all``): a bulk load pairs its records set-based instead of with a
    probe per row, and a bulk delete does not probe again each partner it leaves alone."""
    with connection.cursor() as cursor:
        cursor.execute("SET techdiplo.duplicates = 'deferred'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET techdiplo.duplicates")
    if then_rebuild:
        rebuild_all()
