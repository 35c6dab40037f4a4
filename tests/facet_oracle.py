"""The test oracle of the facet bitmaps: the same search answered with plain grouped SQL.

The site reads every count, total and filter from the trigger-kept bitmaps
(``techdiplo.search.bitmaps``). Here each register's facet declaration (``filters.py``:
the lookup, or the ``expression`` computing the value, and whether it crosses a
many-to-many field) is read the slow, obvious way: a ``pk IN (subquery)`` semi-join
per selection and one GROUP BY per facet over the filtered records. Tests compare
the two after every kind of edit.
"""

from django.db import connection
from django.db.models import Count, F, Q

from techdiplo.search import text as text_search
from techdiplo.search.declarations import ModelChoices


def filtered(search, skip_facet=None):
    """The records matching ``search``'s text, ranges and every facet but ``skip_facet``. Unordered."""
    qs = text_search.apply_text(search.register.base_queryset(), search.register.text, search.text)
    for name, value in search.ranges.items():
        bound = search.filterset.filters[name]
        qs = qs.filter(**{f"{bound.field_name}__{bound.lookup_expr}": value})
    for name, facet in search.facet_filters.items():
        if name != skip_facet and search.selected[name]:
            qs = qs.filter(has_any(facet, qs.model, search.selected[name]))
    return qs.order_by()


def facet_counts(search):
    """``{facet: {value: count}}``, disjunctive: one grouped query per facet, without its own selection."""
    return {name: counts(facet, filtered(search, skip_facet=name)) for name, facet in search.facet_filters.items()}


def _link(facet, model):
    """For a many-to-many facet: (link model, its column to ``model``, the value's lookup from it, and whether
    the value names the linked row itself, so the link table's id column can stand for it)."""
    relation, _, rest = facet.field_name.partition("__")
    field = model._meta.get_field(relation)
    link = field.remote_field.through
    target = field.m2m_reverse_field_name()
    source = facet.choices_source
    by_id = bool(facet.ids) and isinstance(source, ModelChoices) and source.model is field.related_model
    by_id = by_id and rest == source.value
    return link, field.m2m_field_name(), f"{target}_id" if by_id else f"{target}__{rest}", by_id


def has_any(facet, model, values):
    """The condition "has any of ``values``" of one facet: a plain IN, or a semi-join that cannot duplicate rows."""
    if facet.expression is not None:
        matching = model._default_manager.alias(facet_value=facet.expression).filter(facet_value__in=values)
        return Q(pk__in=matching.values("pk"))
    if facet.many:
        link, source, value, by_id = _link(facet, model)
        keys = [facet.ids[v] for v in values] if by_id else values
        return Q(pk__in=link.objects.filter(**{f"{value}__in": keys}).values(source))
    return Q(**{f"{facet.field_name}__in": values})


def counts(facet, records):
    """``{value: number of records}`` among ``records`` (filtered, unordered, never duplicated). One query."""
    if facet.many:
        link, source, value, by_id = _link(facet, records.model)
        links = link.objects.filter(**{f"{source}__in": records.values("pk")})
        if facet.repeats:  # one record can reach a value twice (two partner countries in one region)
            pairs = links.values(source, facet_value=F(value)).distinct()
            sql, params = pairs.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT facet_value, COUNT(*) FROM ({sql}) pairs GROUP BY facet_value", params)  # noqa: S608
                return {str(v): n for v, n in cursor.fetchall() if v not in (None, "")}
        rows = links.values(facet_value=F(value)).annotate(n=Count(source))
    else:
        expression = facet.expression if facet.expression is not None else F(facet.field_name)
        rows = records.values(facet_value=expression).annotate(n=Count("pk"))
        by_id = False
    rows = rows.order_by().values_list("facet_value", "n")
    if by_id:
        value_of = {pk: value for value, pk in facet.ids.items()}
        return {value_of[pk]: n for pk, n in rows if pk in value_of}
    return {str(v): n for v, n in rows if v not in (None, "")}
