"""One search over one register: filtering, disjunctive facet counts, ordering, pages.

Queries a page costs (whatever the number of active filters):
  1. facet choices (value -> label, id) of every table-backed facet, one UNION query, read on first use (a
     search naming no facet and showing none, such as a feed's, skips it)
  2. the facet counts and the result count, from the facet bitmaps, in one query (``bitmaps.count``); with a
     text query, its matches' bitmap too (from the text indexes alone), which query 3 reads
  3. the page's ids, from the sort's index, each row tested against the search's bitmap and the text's
     (``bitmaps.InBitmap``; no COUNT: query 2 gave the total); by relevance, the ranked first ``RANKED``
  4. the page's rows by id, with what the row template shows through ``for_search()`` (its prefetches)
  5. the page's highlighted snippets (only with a text query, and for a page that shows them: not the API's)
Nothing is cached between requests: the bitmaps are kept by triggers in the same transaction as the data,
so every answer reflects every committed change, in every process.
"""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.db.models import CharField, Value
from django.http import Http404, QueryDict
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext

from . import bitmaps, parameters
from . import text as text_search
from .declarations import SORT_LABELS, ModelChoices

PER_PAGE = 20
TOP_VALUES = 10  # a long facet shows this many values, the rest behind "show all"
MAX_PAGE = 10**6
RANKED = 1000  # a text query's matches ranked by relevance at most (see queryset)


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
    (a UNION)."""
    language = get_language() or "en"
    labels, ids, parts = {}, {}, []
    japanese = language.split("-")[0] == "ja"
    for facet in register.facets:
        name, source = facet.name, facet.choices
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

    def __init__(self, register, data, since=None, *, years=True, facets=True):
        """``since`` (an aware datetime, the API's ``updated_since``): only records updated at or after it.
        ``years=False``, ``facets=False``: the counting query leaves out the per-year counts, the facets' counts
        (for an answer that shows only the total and the records, such as the one-box search's sections: then
        the facets' labels are never read either, unless the parameters name a facet)."""
        if not isinstance(data, QueryDict):  # a plain dict from a script: {"status": ["active"], "q": "x"}
            data = _as_querydict(data)
        self.register = register
        self.data = data
        self.count_years = years  # the ranges' per-year counts, in the same query as the facets (``year_counts``)
        self.count_facets = facets  # the facets' counts (``facet_counts``: every value's count is 0 without them)
        self.since = since
        # A search naming no facet (a text search, a feed of one) needs no facet choices to read its parameters.
        faceted = any(facet.name in data for facet in register.facets)
        cleaned, self.form = parameters.parse(register, data, self.choices if faceted else {})
        self.text = cleaned.get("q") or ""
        self.selected = {facet.name: cleaned.get(facet.name) or [] for facet in register.facets}
        self.ranges = {r.name: cleaned[r.name] for r in register.ranges if cleaned.get(r.name) is not None}
        self.swapped_ranges = self._swap_reversed_ranges()
        self.ignored = self._ignored_parameters(data, cleaned)
        sort = cleaned.get("sort") or ""
        if sort == "relevance" and not self.text:
            sort = ""
        self.sort = sort or ("relevance" if self.text else register.default_sort)

    @cached_property
    def _choices(self):
        return load_choices(self.register)

    @property
    def choices(self):
        """``{facet: {value: label}}`` in the current language: one query, on first use."""
        return self._choices["labels"]

    @property
    def ids(self):
        """``{facet: {value: primary key}}`` of the table-backed facets (read with ``choices``)."""
        return self._choices["ids"]

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
        for name, f in self.form.fields.items():
            raw = [v for v in data.getlist(name) if v.strip()] if name in data else []
            kept = cleaned.get(name)
            if name in self.selected:
                understood = len(set(raw)) == len(kept or [])
            else:
                understood = not raw or kept not in (None, "") or (name == "q")
            if not understood:
                ignored.append(str(f.label))
        return ignored

    @property
    def is_filtered(self):
        return bool(self.text or self.since or self.ranges or any(self.selected.values()))

    def sort_options(self):
        names = (["relevance"] if self.text else []) + list(self.register.sorts)
        labels = {**SORT_LABELS, **self.register.sort_labels}
        return [(name, str(labels.get(name, name.capitalize())), name == self.sort) for name in names]

    # Filtering -----------------------------------------------------------------------------------------

    def filtered(self, *, text=True):
        """Published records matching the text, the ranges and the facets. Unordered. ``text=False`` leaves the
        text out (a feed tests it on a few recent records first: ``search.feeds._newest_ids``)."""
        qs = self.register.base_queryset()
        if self.text and text:
            qs = qs.filter(bitmaps.matching_text(self._text_matches))
        if self.since is not None:
            qs = qs.filter(updated_at__gte=self.since)
        condition = bitmaps.filter_expression(self)
        return (qs.filter(condition) if condition is not None else qs).order_by()

    def includes(self, field):
        """A boolean expression: the record whose id ``field`` holds is one of the results (``"pk"``, or a link
        table's column of this register's ids: ``"initiative_id"``). See ``bitmaps.in_results``."""
        return bitmaps.in_results(self, field)

    def queryset(self, upto=None):
        """Every matching record in the page's order (no pagination, no prefetching). ``upto``: only the first
        ``upto`` records will be read (a page's), which may let the query read fewer rows."""
        qs = self.filtered()
        if self.sort == "relevance":
            # Ranking reads each record's text: a broad query ranks the first RANKED of its matches in the
            # register's default order (from that order's index, each tested against the text's bitmap); the
            # others follow, unranked (-1). A page among the ranked ones needs no other row.
            first = qs.order_by(*self.register.sorts[self.register.default_sort], *self.register.tie_breaker)
            first = first.values("pk")[:RANKED]
            if upto is not None and upto <= RANKED:
                ranked = text_search.rank(qs.filter(pk__in=first), self.register.text, self.text)
            else:
                ranked = text_search.rank(qs, self.register.text, self.text, among=first)
            return ranked.order_by("-rank", *self.register.tie_breaker)
        order = self.register.sorts.get(self.sort) or self.register.sorts[self.register.default_sort]
        return qs.order_by(*order, *self.register.tie_breaker)

    # Facets --------------------------------------------------------------------------------------------

    def facet_counts(self):
        """``{facet: {value: count}}``, disjunctive: each facet counted without its own selection (every facet
        empty for a search made with ``facets=False``)."""
        return self._counts[1]

    def total(self):
        """The number of matching records."""
        return self._counts[0]

    def year_counts(self):
        """``{range field: {year: count}}`` of the matching records, the ranges themselves left out (so a
        timeline shows the years around them); ``{}`` when the search was made with ``years=False``."""
        return self._counts[2]

    # Django's cached_property, not functools': on Python 3.11 the latter holds one lock per class, so
    # threads of a gthread worker would wait on each other's searches.
    @cached_property
    def _counts(self):
        """``(total, {facet: {value: count}}, {range field: {year: count}})``, read once per search (one
        query), so the page's total, its facets and its timeline come from the same answer."""
        return bitmaps.count(self)

    @property
    def _text_matches(self):
        """The records matching the text, as a bitmap: the counts' query finds them (from the text indexes alone)
        and returns them, and the rows are then tested against it, never by reading their text again."""
        return self._counts[3]

    def facets(self):
        """The facets to show: selected values always, others only with a count; long ones split for "show all"."""
        counts = self.facet_counts()
        result = []
        for facet in self.register.facets:
            name = facet.name
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

    def years_json(self):
        """``[{"year": 2019, "count": 4}, ...]``, ascending: the register's timeline (its first range field), or
        ``[]`` for a register without one."""
        fields = self.register.year_fields()
        counts = self.year_counts().get(fields[0], {}) if fields else {}
        return [{"year": year, "count": counts[year]} for year in sorted(counts)]

    def facets_json(self):
        return {facet.name: [value.as_json() for value in facet.all_values] for facet in self.facets()}

    # Pages ---------------------------------------------------------------------------------------------

    def page(self, raw_number, per_page=PER_PAGE, *, snippets=True):
        """``(page, notice)`` with ``page.object_list`` evaluated and, with ``snippets``, the highlighted snippets
        attached (``ts_headline`` of every row: an answer that shows none, such as the API's, skips them). 404 past
        the end."""
        number, notice = parse_page(raw_number)
        # The page's ids come first, from the order's index alone (a row the filter skips is then never read
        # from the table), then the page's rows by id. The bitmaps counted the results: no COUNT query.
        paginator = Paginator(self.queryset(upto=number * per_page).values_list("pk", flat=True), per_page)
        paginator.count = self.total()  # a cached_property, set
        try:
            page = paginator.page(number)
        except EmptyPage as exc:
            raise Http404("No such page of results.") from exc
        page.object_list = self._rows(list(page.object_list), snippets=snippets)
        return page, notice

    def top(self, count):
        """The first ``count`` records in the search's order, with snippets (the one-box search's few hits)."""
        return self._rows(list(self.queryset(upto=count).values_list("pk", flat=True)[:count]))

    def _rows(self, ids, snippets=True):
        """The records of ``ids`` in that order, with what a result row shows and (``snippets``) their snippets."""
        rows = self.register.model._default_manager.for_search().in_bulk(ids)
        records = [rows[pk] for pk in ids if pk in rows]
        if not snippets:
            return records
        pks = [obj.pk for obj in records]
        marked = text_search.headlines(self.register.model, self.register.text, pks, self.text)
        for obj in records:
            obj.snippet = marked.get(obj.pk)
        return records

    def label_of(self, name, value):
        return self.choices.get(name, {}).get(value, value)
