"""Likely duplicates: records whose names are very similar (pg_trgm), in Latin and Japanese script alike.

A register or reference model declares its ``duplicate_keys``: expressions of its names, each with a
trigram GiST index built from the same expression (``trigram_index``), so the nearest other record is one
index probe (``ORDER BY key <-> the record's key LIMIT 1``, PostgreSQL's KNN search; in PostgreSQL 15).
Comparing every record with every other is quadratic; a probe per record is not, but 100,000 probes are
still too slow for a page, so the search looks at the ``recent`` newest records (where duplicates come in:
an import, a second editor's entry), each against the whole table. Queries: one per key; one probe a record.
"""

from dataclasses import dataclass

from django.contrib.postgres.indexes import GistIndex, OpClass
from django.contrib.postgres.search import TrigramDistance
from django.db import OperationalError, connection, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from psycopg.errors import QueryCanceled


def trigram_index(key, name):
    """The GiST index that serves ``key``'s nearest-neighbour search (``gist_trgm_ops``, from pg_trgm)."""
    return GistIndex(OpClass(key, name="gist_trgm_ops"), name=name)


@dataclass(frozen=True)
class Pair:
    first: object  # the older record (lower id): the one kept by default
    second: object
    similarity: float


class TooSlow(Exception):
    """A search ran past its time limit and was cancelled by PostgreSQL."""


def likely_duplicates(model, recent, threshold, limit, timeout_ms=None):
    """Up to ``limit`` pairs, most similar first, among the ``recent`` newest records of ``model``.

    With ``timeout_ms``, each search is cancelled past that time (``TooSlow``), so a page that shows them
    answers in bounded time whatever the tables hold. Queries: one per duplicate key (the probes run
    inside it), and one for the records of the pairs.
    """
    try:
        with transaction.atomic():
            previous = statement_timeout(f"{int(timeout_ms)}ms") if timeout_ms else None
            pairs = _likely_duplicates(model, recent, threshold, limit)
            if previous is not None:
                # Back as it was: inside an outer transaction the setting would outlive this block.
                statement_timeout(previous)
            return pairs
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise TooSlow from error
        raise


def statement_timeout(value):
    """Set this transaction's statement timeout; returns the one it replaces."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)", [value]
        )
        return cursor.fetchone()[0]


def _likely_duplicates(model, recent, threshold, limit):
    scores = {}
    newest = model._base_manager.order_by("-pk").values("pk")[:recent]
    for key in model.duplicate_keys:
        nearest = nearest_query(model, key, OuterRef("_key"), exclude_pk=OuterRef("pk"))
        # The twin's id and distance from one index probe: one subquery returns both, as "id distance".
        twin = nearest.annotate(
            _twin=Concat(Cast("pk", CharField()), Value(" "), Cast("_distance", CharField()), output_field=CharField())
        ).values("_twin")
        rows = (
            model._base_manager.filter(pk__in=newest)
            .exclude(**blank(key))
            .annotate(_key=key)
            .annotate(twin=Subquery(twin))
            .values_list("pk", "twin")
        )
        for pk, found in rows:
            if not found:
                continue
            twin_pk, distance = found.split(" ")
            similarity = 1 - float(distance)
            if similarity >= threshold:
                pair = (min(pk, int(twin_pk)), max(pk, int(twin_pk)))
                scores[pair] = max(scores.get(pair, 0), similarity)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    # What the records' names read (a city's name carries its prefecture's), so listing the pairs runs no query.
    related = getattr(model, "duplicate_related", ())
    records = model._base_manager.select_related(*related).in_bulk({pk for pair, _ in ranked for pk in pair})
    return [
        Pair(records[first], records[second], round(score, 2))
        for (first, second), score in ranked
        if first in records and second in records
    ]


def nearest_query(model, key, name, exclude_pk=None):
    """The record whose ``key`` is nearest to ``name`` (an expression or a string): one GiST index probe."""
    others = model._base_manager.exclude(**blank(key))
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.annotate(_distance=TrigramDistance(key, name)).order_by("_distance")[:1]


def blank(key):
    """A lookup that excludes records whose key is empty (no Japanese name: nothing to compare)."""
    source = key.get_source_expressions()[0]
    name = getattr(source, "name", None)
    return {name: ""} if name else {}
