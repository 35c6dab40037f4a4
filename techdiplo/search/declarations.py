"""The vocabulary a register uses to declare its search, in its own ``filters.py``.

A register subclasses :class:`SearchFilterSet` (a django-filter FilterSet) and
declares one :class:`FacetFilter` per facet parameter and one :class:`YearFilter`
per range bound, then describes the rest in a :class:`Register`: text fields,
sorts, templates and the public JSON of one record. The machinery in
``techdiplo.search`` does the filtering, the counting, the pages and the API.

Every field here is lenient: an unknown facet value, a malformed year or a
bogus sort is dropped, never turned into a form error, because every search is
a URL that strangers share, shorten and mangle.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db import connections
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from .text import clean_text

YEAR_MIN, YEAR_MAX = 1000, 2999  # outside this a year lookup would overflow a date; such input is ignored

# How the sort menu names the shared sorts; a register's ``sort_labels`` names its own.
SORT_LABELS = {"relevance": _("Relevance"), "newest": _("Newest"), "oldest": _("Oldest"), "title": _("Title")}


class LenientMultipleChoiceField(forms.Field):
    """A repeatable parameter that keeps the known values (deduplicated, in order) and drops the rest."""

    widget = forms.MultipleHiddenInput  # reads every value of the parameter (QueryDict.getlist)

    def __init__(self, *, known=None, **kwargs):
        kwargs.pop("choices", None)
        self.known = known or {}
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [v for v in dict.fromkeys(str(v) for v in value) if v in self.known]

    def validate(self, value):
        """Nothing is ever invalid here: unknown values were already dropped."""


class SearchTextField(forms.CharField):
    """The text query: control characters (NUL included) removed, whitespace collapsed, length capped."""

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def run_validators(self, value):
        """Never invalid: clean_text already made the value safe."""


class LenientChoiceField(forms.ChoiceField):
    """A single choice (the sort) where an unknown value means "not given"."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if value in dict(self.choices) else ""

    def validate(self, value):
        """Unknown values became "" in to_python."""


class TextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class SortFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class FacetFilter(django_filters.MultipleChoiceFilter):
    """One facet: a repeatable GET parameter whose values combine with OR.

    ``field_name`` is the lookup whose value the URL carries (``policy_areas__slug``);
    ``expression`` replaces it where the value is computed (a city's prefecture).
    ``many`` says the lookup crosses a many-to-many field (``policy_areas__slug``): the
    filter and the count then read that field's link table, as a ``pk IN (subquery)``
    semi-join, so records are never multiplied by a join. ``repeats`` says one record
    can reach the same value twice (two partner countries in one region): its count
    is then a COUNT(DISTINCT). ``choices`` is a TextChoices class, a ``{value: label}``
    dict, or a :class:`ModelChoices` loaded (and cached) with the other facets'
    choices in one query. ``long`` facets show their top values first and the rest
    behind "show all".
    """

    field_class = LenientMultipleChoiceField

    def __init__(self, field_name=None, *, choices, expression=None, many=False, repeats=False, long=False, **kwargs):
        self.choices_source = choices
        self.expression = expression
        self.many = many
        self.repeats = repeats
        self.long = long
        super().__init__(field_name=field_name, **kwargs)

    ids = None  # {value: primary key of the row it names}, set per search from the cached choices

    def _link(self, model):
        """For a many-to-many facet: (link model, its column to ``model``, the value's lookup from it, and
        whether the value names the linked row itself, so the link table's id column can stand for it)."""
        relation, _, rest = self.field_name.partition("__")
        field = model._meta.get_field(relation)
        link = field.remote_field.through
        target = field.m2m_reverse_field_name()
        source = self.choices_source
        by_id = bool(self.ids) and isinstance(source, ModelChoices) and source.model is field.related_model
        by_id = by_id and rest == source.value
        return link, field.m2m_field_name(), f"{target}_id" if by_id else f"{target}__{rest}", by_id

    def q(self, model, values):
        """The WHERE condition "has any of ``values``": a plain IN, or a semi-join that cannot duplicate rows.

        A many-to-many facet filters the link table by the linked rows' ids (from the cached choices), so
        PostgreSQL estimates the selectivity from the link table's own statistics.
        """
        if self.expression is not None:
            matching = model._default_manager.alias(facet_value=self.expression).filter(facet_value__in=values)
            return Q(pk__in=matching.values("pk"))
        if self.many:
            link, source, value, by_id = self._link(model)
            keys = [self.ids[v] for v in values] if by_id else values
            return Q(pk__in=link.objects.filter(**{f"{value}__in": keys}).values(source))
        return Q(**{f"{self.field_name}__in": values})

    def counts(self, records):
        """``{value: number of records}`` among ``records`` (filtered, unordered, never duplicated). One query.

        A many-to-many facet groups its link table's rows of those records (no join from the records
        themselves, nor to the linked table when ids stand for values); any other facet groups the
        records by the value's column or expression.
        """
        if self.many:
            link, source, value, by_id = self._link(records.model)
            links = link.objects.filter(**{f"{source}__in": records.values("pk")})
            if self.repeats:
                return _count_distinct_pairs(links.values(source, facet_value=F(value)).distinct())
            rows = links.values(facet_value=F(value)).annotate(n=Count(source))
        else:
            expression = self.expression if self.expression is not None else F(self.field_name)
            rows = records.values(facet_value=expression).annotate(n=Count("pk"))
            by_id = False
        rows = rows.order_by().values_list("facet_value", "n")
        if by_id:
            value_of = {pk: value for value, pk in self.ids.items()}
            return {value_of[pk]: n for pk, n in rows if pk in value_of}
        return {str(v): n for v, n in rows if v not in (None, "")}

    def filter(self, qs, value):
        return qs.filter(self.q(qs.model, value)) if value else qs


def _count_distinct_pairs(pairs):
    """``{value: n}`` from a DISTINCT (record, value) queryset, counted by an outer GROUP BY.

    The same answer as COUNT(DISTINCT record) GROUP BY value, but PostgreSQL can hash the
    inner DISTINCT, where COUNT(DISTINCT) sorts every link row (seconds at 100,000 records).
    """
    sql, params = pairs.query.sql_with_params()
    with connections[pairs.db].cursor() as cursor:
        cursor.execute(f"SELECT facet_value, COUNT(*) FROM ({sql}) pairs GROUP BY facet_value", params)  # noqa: S608
        return {str(v): n for v, n in cursor.fetchall() if v not in (None, "")}


class YearFilter(django_filters.Filter):
    """A range bound on a year (``year_from`` -> ``start_date__year__gte``); malformed or absurd years are ignored."""

    field_class = forms.IntegerField

    def __init__(self, field_name=None, lookup_expr="exact", **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(field_name=field_name, lookup_expr=lookup_expr, **kwargs)


class SearchFilterSet(django_filters.FilterSet):
    """The parameters every register shares: ``q`` and ``sort``. Subclasses add facets and ranges."""

    q = TextFilter(method="no_filter", label=_("Search"))
    sort = SortFilter(method="no_filter", label=_("Sort by"), choices=list(SORT_LABELS.items()))

    def __init__(self, data=None, queryset=None, *, choices=None, ids=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        for name, facet in self.facet_filters().items():  # each FilterSet holds its own copies of the filters
            facet.extra["known"] = (choices or {}).get(name, {})
            facet.ids = (ids or {}).get(name, {})

    def no_filter(self, queryset, name, value):
        """``q`` and ``sort`` are applied by the search machinery (ranking needs both together)."""
        return queryset

    @classmethod
    def facet_names(cls):
        return [name for name, f in cls.base_filters.items() if isinstance(f, FacetFilter)]

    def facet_filters(self):
        return {name: f for name, f in self.filters.items() if isinstance(f, FacetFilter)}

    def range_filters(self):
        return {name: f for name, f in self.filters.items() if isinstance(f, YearFilter)}


@dataclass(frozen=True)
class ModelChoices:
    """Facet values read from a table: ``value`` goes in the URL, ``label`` is shown."""

    model: type
    value: str
    label: str
    where: Q = field(default_factory=Q)


@dataclass(frozen=True)
class TextSearch:
    """What the text query searches.

    ``fields`` are searched term by term with icontains on SQLite; on PostgreSQL the
    stored ``search_vector`` (kept by a trigger, see the register's migration)
    holds the same text. ``japanese_fields`` are also matched as a plain substring
    on PostgreSQL when the query has non-ASCII characters (Japanese has no spaces,
    so a word inside a title is not a token). ``headline`` is the text the snippet
    of a PostgreSQL result is cut from.
    """

    fields: tuple[str, ...]
    japanese_fields: tuple[str, ...]
    headline: object


@dataclass(frozen=True)
class Register:
    """Everything the machinery needs to know about one register."""

    name: str  # "initiatives": the URL prefix, the API endpoint, the REGISTERS key
    title: str  # "Initiatives"
    title_one: str  # "Initiative": the result count says "1 initiative", not "1 initiatives"
    filterset_class: type[SearchFilterSet]
    text: TextSearch
    sorts: dict  # sort name -> order_by() arguments ("relevance" is added when there is a text query)
    default_sort: str
    serialize: Callable  # record -> dict of public fields (never e-mail, never consent data)
    list_template: str
    result_template: str
    description: str = ""
    sort_labels: dict = field(default_factory=dict)  # how the sort menu names a sort, where not "Newest" etc.
    tie_breaker: tuple = ("pk",)
    # Its migration keeps PostgreSQL facet bitmaps (``<name>_facet_pairs`` and triggers): see search.bitmaps.
    facet_index: bool = False

    @property
    def model(self):
        return self.filterset_class._meta.model

    @property
    def list_url_name(self):
        return f"{self.name}:list"

    def base_queryset(self):
        """Published records only: the privacy rule lives in the model's ``published()``."""
        return self.model.objects.published()
