"""One search over one register: filtering, disjunctive facet counts, ordering, pages.

Queries a page costs (whatever the number of active filters):
  1. facet choices (value -> label, id) of every table-backed facet, one UNION query, cached
  2. the facet counts (cached, keyed by the normalised parameters and the data version): with the
     PostgreSQL facet bitmaps (``Register.facet_index``) one query for every facet and the result
     count; otherwise one grouped count per facet
  3. COUNT of the results (paginator; not with the bitmaps, whose query gave it)
  4. the page's rows, with what the row template shows through ``for_search()`` (its prefetches);
     with the bitmaps the page's ids first (from the sort's index), then the rows by id
  5. the page's highlighted snippets (PostgreSQL, only with a text query)
Without bitmaps, filters never join to-many tables into the result query: they are
``pk IN (subquery)`` semi-joins, so rows are never multiplied and counts need no DISTINCT.
With them, the result query's filter is one bitmap test per row (``bitmaps.InBitmap``).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import EmptyPage, Paginator
from django.db.models import CharField, Value
from django.http import Http404, QueryDict
from django.utils.translation import get_language, gettext

from . import bitmaps
from . import text as text_search
from .cache import cached
from .declarations import SORT_LABELS, ModelChoices

PER_PAGE = 20
TOP_VALUES = 10  # a long facet shows this many values, the rest behind "show all"
MAX_PAGE = 10**6


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool

    def as_json(self):
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class Facet:
    name: str
    label: str
    values: list = field(default_factory=list)  # shown at once
    more: list = field(default_factory=list)  # behind "show all"

    @property
    def all_values(self):
        return self.values + self.more


def load_choices(register):
    """``{"labels": {facet: {value: label}}, "ids": {facet: {value: primary key}}}`` for every facet of
    ``register`` (ids for table-backed facets only), labels in the current language. At most one query
    (a UNION), cached per language."""
    language = get_language() or "en"
    return cached((register.name, "choices", language), lambda: _read_choices(register.filterset_class, language))


def _read_choices(filterset_class, language):
    labels, ids, parts = {}, {}, []
    japanese = language.split("-")[0] == "ja"
    for name in filterset_class.facet_names():
        source = filterset_class.base_filters[name].choices_source
        if isinstance(source, ModelChoices):
            labels[name], ids[name] = {}, {}
            rows = source.model._default_manager.filter(source.where).order_by()
            # The Japanese label (name_ja) where the table has one; an empty one falls back to English.
            label_ja = f"{source.label}_ja" if japanese and _has_field(source.model, f"{source.label}_ja") else None
            label_ja = label_ja or Value("", output_field=CharField())
            name_value = Value(name, output_field=CharField())
            parts.append(rows.values_list(name_value, source.value, source.label, label_ja, "pk"))
        elif isinstance(source, dict):
            labels[name] = {value: str(label) for value, label in source.items()}
        else:
            labels[name] = {value: str(label) for value, label in source.choices}
    if parts:
        rows = [(name, value, label_ja or label, pk) for name, value, label, label_ja, pk in _union(parts)]
        for name, value, label, pk in sorted(rows, key=lambda row: str(row[2]).casefold()):
            labels[name][str(value)] = label
            ids[name][str(value)] = pk
    return {"labels": labels, "ids": ids}


def _union(parts):
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def parse_page(raw):
    """``(number, notice)``: junk means page 1 with a notice, a huge number is simply past the end."""
    if raw in (None, ""):
        return 1, ""
    try:
        number = int(str(raw).strip())
    except ValueError:
        return 1, gettext("The page number was not understood, so this is the first page.")
    if number < 1:
        return 1, gettext("Pages are numbered from 1, so this is the first page.")
    return min(number, MAX_PAGE), ""


def _as_querydict(params):
    querydict = QueryDict(mutable=True)
    for name, value in (params or {}).items():
        querydict.setlist(name, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)])
    return querydict


class Search:
    """The search described by a QueryDict (``request.GET``) over one register."""

    def __init__(self, register, data):
        if not isinstance(data, QueryDict):  # a plain dict from a script: {"status": ["active"], "q": "x"}
            data = _as_querydict(data)
        self.register = register
        self.data = data
        choices = load_choices(register)
        self.choices = choices["labels"]
        self.filterset = register.filterset_class(
            data, queryset=register.base_queryset(), choices=self.choices, ids=choices["ids"]
        )
        form = self.filterset.form
        form.is_valid()  # populates cleaned_data with every valid parameter; invalid ones are left out
        cleaned = form.cleaned_data
        self.text = cleaned.get("q") or ""
        self.facet_filters = self.filterset.facet_filters()
        self.selected = {name: cleaned.get(name) or [] for name in self.facet_filters}
        self.ranges = {name: cleaned[name] for name in self.filterset.range_filters() if cleaned.get(name) is not None}
        self.swapped_ranges = self._swap_reversed_ranges()
        self.ignored = self._ignored_parameters(data, cleaned)
        sort = cleaned.get("sort") or ""
        if sort == "relevance" and not self.text:
            sort = ""
        self.sort = sort or ("relevance" if self.text else register.default_sort)

    def _swap_reversed_ranges(self):
        """Read ``year_from=2020&year_to=2010`` as 2010-2020 rather than match nothing: a range is a pair of
        bounds named ``<x>_from``/``<x>_to``. Returns the ``(from, to)`` names of the pairs swapped."""
        swapped = []
        for low in self.ranges:
            high = low.removesuffix("_from") + "_to"
            if low.endswith("_from") and high in self.ranges and self.ranges[low] > self.ranges[high]:
                swapped.append((low, high))
        for low, high in swapped:
            self.ranges[low], self.ranges[high] = self.ranges[high], self.ranges[low]
        return swapped

    def _ignored_parameters(self, data, cleaned):
        """Labels of the parameters given but (partly) not understood, for a short notice on the page."""
        ignored = []
        for name, f in self.filterset.filters.items():
            raw = [v for v in data.getlist(name) if v.strip()] if name in data else []
            kept = cleaned.get(name)
            if name in self.facet_filters:
                understood = len(set(raw)) == len(kept or [])
            else:
                understood = not raw or kept not in (None, "") or (name == "q")
            if not understood:
                ignored.append(str(f.label))
        return ignored

    @property
    def is_filtered(self):
        return bool(self.text or self.ranges or any(self.selected.values()))

    def sort_options(self):
        names = (["relevance"] if self.text else []) + list(self.register.sorts)
        labels = {**SORT_LABELS, **self.register.sort_labels}
        return [(name, str(labels.get(name, name.capitalize())), name == self.sort) for name in names]

    # Filtering -----------------------------------------------------------------------------------------

    @property
    def uses_bitmaps(self):
        """Whether the facets and ranges are read from the PostgreSQL facet bitmaps (see ``bitmaps``)."""
        return bitmaps.available(self.register) and bitmaps.supports(self)

    def filtered(self):
        """Published records matching the text, the ranges and the facets. Unordered."""
        qs = text_search.apply_text(self.register.base_queryset(), self.register.text, self.text)
        if self.uses_bitmaps:
            condition = bitmaps.filter_expression(self)
            return (qs.filter(condition) if condition is not None else qs).order_by()
        return self._filtered_by_joins(qs)

    def _filtered_by_joins(self, qs, skip_facet=None):
        """``qs`` narrowed by the ranges and every facet but ``skip_facet``, with semi-joins (no bitmaps)."""
        for name, value in self.ranges.items():
            qs = self.filterset.filters[name].filter(qs, value)
        for name, facet in self.facet_filters.items():
            if name != skip_facet and self.selected[name]:
                qs = qs.filter(facet.q(qs.model, self.selected[name]))
        return qs.order_by()

    def queryset(self):
        """Every matching record in the page's order (no pagination, no prefetching)."""
        qs = self.filtered()
        if self.sort == "relevance" and text_search.is_postgres():
            return text_search.rank(qs, self.text).order_by("-rank", *self.register.tie_breaker)
        order = self.register.sorts.get(self.sort) or self.register.sorts[self.register.default_sort]
        return qs.order_by(*order, *self.register.tie_breaker)

    # Facets --------------------------------------------------------------------------------------------

    def facet_counts(self):
        """``{facet: {value: count}}``, disjunctive: each facet counted without its own selection. Cached."""
        return self._counts[1]

    def total(self):
        """The number of matching records when the facet bitmaps counted it (cached with the counts), else None."""
        return self._counts[0]

    @cached_property
    def _counts(self):
        """``(total or None, {facet: {value: count}})``, cached; read once per search, so the page's total and
        its facets come from the same answer."""
        key = (
            self.register.name,
            "totals-and-counts",
            self.text,
            sorted(self.ranges.items()),
            sorted((name, sorted(values)) for name, values in self.selected.items()),
        )
        return cached(key, self._count_facets)

    def _count_facets(self):
        if self.uses_bitmaps:
            return bitmaps.count(self)
        return None, self.count_facets_by_joins()

    def count_facets_by_joins(self):
        """The facet counts from one grouped query per facet over the filtered records (no bitmaps)."""
        base = text_search.apply_text(self.register.base_queryset(), self.register.text, self.text)
        return {
            name: facet.counts(self._filtered_by_joins(base, skip_facet=name))
            for name, facet in self.facet_filters.items()
        }

    def facets(self):
        """The facets to show: selected values always, others only with a count; long ones split for "show all"."""
        counts = self.facet_counts()
        result = []
        for name, facet in self.facet_filters.items():
            known, selected = self.choices.get(name, {}), set(self.selected[name])
            values = [
                FacetValue(value, label, counts[name].get(value, 0), value in selected)
                for value, label in known.items()
                if counts[name].get(value) or value in selected
            ]
            shown = Facet(name, str(facet.label))
            if facet.long:
                values.sort(key=lambda v: (not v.selected, -v.count))
                shown.values, shown.more = values[:TOP_VALUES], values[TOP_VALUES:]
                shown.values.sort(key=lambda v: -v.count)
            else:
                shown.values = values
            result.append(shown)
        return result

    def facets_json(self):
        return {facet.name: [value.as_json() for value in facet.all_values] for facet in self.facets()}

    # Pages ---------------------------------------------------------------------------------------------

    def page(self, raw_number):
        """``(page, notice)`` with ``page.object_list`` evaluated and snippets attached. 404 past the end."""
        number, notice = parse_page(raw_number)
        total = self.total()
        if total is None:
            paginator = Paginator(self.queryset().for_search(), PER_PAGE)
        else:
            # The bitmaps counted the results. The page's ids come first, from the order's index alone (a row
            # the filter skips is then never read from the table), then the page's rows by id.
            paginator = Paginator(self.queryset().values_list("pk", flat=True), PER_PAGE)
            paginator.count = total  # a cached_property, set: no COUNT query
        try:
            page = paginator.page(number)
        except EmptyPage as exc:
            raise Http404("No such page of results.") from exc
        if total is None:
            page.object_list = list(page.object_list)
        else:
            ids = list(page.object_list)
            rows = self.register.model._default_manager.for_search().in_bulk(ids)
            page.object_list = [rows[pk] for pk in ids if pk in rows]
        snippets = text_search.headlines(
            self.register.model, self.register.text, [obj.pk for obj in page.object_list], self.text
        )
        for obj in page.object_list:
            obj.snippet = snippets.get(obj.pk)
        return page, notice

    def label_of(self, name, value):
        return self.choices.get(name, {}).get(value, value)
