"""The test oracle of the facet bitmaps: the same search answered with plain ORM queries.

The site reads every count, total and filter from the trigger-kept bitmaps (``search.bitmaps``). Here each
register's declaration (``<app>/search.py``: a facet's ``field`` or ``expression``, a range's ``field``) is
read the slow, obvious way: a ``pk IN (subquery)`` semi-join per selection and one grouped query per facet over
the filtered records. Tests compare the two after every kind of edit, and compare each register's SQL
function ``<register>_facet_pairs`` with :func:`pairs`.
"""

from django.db import connection
from django.db.models import Count, F, Q

from search import text as text_search


def value_expression(facet):
    return facet.expression if facet.expression is not None else F(facet.field)


def keys(search, facet, values):
    """What the declaration's field yields for the URL values: the chosen rows' ids for a table-backed facet."""
    return [search.ids[facet.name][v] for v in values] if facet.table_backed else list(values)


def filtered(search, skip_facet=None, with_ranges=True):
    """The records matching ``search``'s text, ranges and every facet but ``skip_facet``. Unordered."""
    qs = text_search.apply_text(search.register.base_queryset(), search.register.text, search.text)
    for name, value in search.ranges.items() if with_ranges else ():
        bound = search.register.range(name)
        qs = qs.filter(**{f"{bound.field}__{bound.lookup}": value})
    for facet in search.register.facets:
        if facet.name != skip_facet and search.selected[facet.name]:
            matching = qs.model._default_manager.alias(facet_value=value_expression(facet))
            matching = matching.filter(facet_value__in=keys(search, facet, search.selected[facet.name]))
            qs = qs.filter(Q(pk__in=matching.values("pk")))
    return qs.order_by()


def facet_counts(search):
    """``{facet: {value: count}}``, disjunctive: one grouped query per facet, without its own selection."""
    facets = search.register.facets
    return {facet.name: counts(search, facet, filtered(search, skip_facet=facet.name)) for facet in facets}


def year_counts(search):
    """``{range field: {year: count}}`` of the records matching everything but the ranges. One query a field."""
    records = filtered(search, with_ranges=False)
    return {
        field: {
            row[field]: row["n"]
            for row in records.values(field).annotate(n=Count("pk", distinct=True)).order_by()
            if row[field] is not None
        }
        for field in search.register.year_fields()
    }


def counts(search, facet, records):
    """``{value: number of records}`` among ``records``: distinct (record, value) pairs, grouped. One query."""
    pairs = records.annotate(facet_value=value_expression(facet)).values("pk", "facet_value").distinct()
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT facet_value, COUNT(*) FROM ({sql}) pairs GROUP BY facet_value", params)  # noqa: S608
        rows = cursor.fetchall()
    if facet.table_backed:
        value_of = {pk: value for value, pk in search.ids[facet.name].items()}
        return {value_of[pk]: n for pk, n in rows if pk in value_of}
    return {str(v): n for v, n in rows if v not in (None, "")}


def pairs(register, ids):
    """``{(facet, value, record id)}`` of the records ``ids`` as the declaration says (published ones only):
    ``('', '', id)`` for every record, one per facet value (a table-backed facet's by the row's id), one per
    range field's value. What ``<register>_facet_pairs(ids)`` must return."""
    records = register.base_queryset().filter(pk__in=ids).order_by()
    result = {("", "", pk) for pk in records.values_list("pk", flat=True)}
    expressions = [(facet.name, value_expression(facet)) for facet in register.facets]
    expressions += [(field, F(field)) for field in dict.fromkeys(bound.field for bound in register.ranges)]
    for name, expression in expressions:
        rows = records.annotate(facet_value=expression).values_list("facet_value", "pk")
        result |= {(name, str(value), pk) for value, pk in rows if value not in (None, "")}
    return result
