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
from django.db.models import Q
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

    What the facet means, in the ORM's terms: ``field_name`` is the lookup whose value
    the URL carries (``policy_areas__slug``); ``expression`` replaces it where the value
    is computed (a city's prefecture); ``many`` says the lookup crosses a many-to-many
    field; ``repeats`` says one record can reach the same value twice (two partner
    countries in one region). The search reads the facet from the register's bitmaps,
    whose ``<register>_facet_pairs`` SQL says the same; ``tests/facet_oracle.py``
    answers every search from this declaration with grouped SQL, and the tests compare.
    ``choices`` is a TextChoices class, a ``{value: label}`` dict, or a
    :class:`ModelChoices` loaded with the other facets' choices in one query. ``long``
    facets show their top values first and the rest behind "show all".
    """

    field_class = LenientMultipleChoiceField

    def __init__(self, field_name=None, *, choices, expression=None, many=False, repeats=False, long=False, **kwargs):
        self.choices_source = choices
        self.expression = expression
        self.many = many
        self.repeats = repeats
        self.long = long
        super().__init__(field_name=field_name, **kwargs)

    ids = None  # {value: primary key of the row it names}, set per search from the facet choices


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

    The stored ``search_vector`` (kept by a trigger, see the register's migration)
    holds the record's text. ``japanese_fields`` are also matched as a plain
    substring when the query has non-ASCII characters (Japanese has no spaces, so a
    word inside a title is not a token; pg_trgm indexes serve it). ``headline`` is
    the text a result's snippet is cut from.
    """

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

    @property
    def model(self):
        return self.filterset_class._meta.model

    @property
    def list_url_name(self):
        return f"{self.name}:list"

    def base_queryset(self):
        """Published records only: the privacy rule lives in the model's ``published()``."""
        return self.model.objects.published()
