"""What a register declares about its search, in its own ``search.py``: facets, ranges, text and sorts.

A register builds one :class:`Register`; its app registers it when ready (``search.registry``). The
machinery does the rest: the parameters' parsing (``parameters``), the filtering and counting on the facet
bitmaps (``bitmaps``), whose SQL is generated from these declarations (``sql``), the pages and the API.

Facet values are named two ways. A facet whose ``choices`` are a table (:class:`ModelChoices`) carries that
table's ``value`` column in the URL (a slug, an ISO code), while its ``field`` (or ``expression``) reaches the
chosen row itself (its primary key), so its bitmaps are named by the row's id and renaming a slug changes no
bitmap. Any other facet's ``field`` holds the value the URL carries (``kind``, ``status``).
"""

from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

YEAR_MIN, YEAR_MAX = 1000, 2999  # outside this a year lookup would overflow a date; such input is ignored

# How the sort menu names the shared sorts; a register's ``sort_labels`` names its own.
SORT_LABELS = {"relevance": _("Relevance"), "newest": _("Newest"), "oldest": _("Oldest"), "title": _("Title")}


@dataclass(frozen=True)
class ModelChoices:
    """Facet values read from a table: ``value`` goes in the URL, ``label`` is shown (``<label>_ja`` in
    Japanese, where the table has it), rows limited to ``where``.

    For suggestions as you type (``search.suggest``): ``kind`` names what a row is ("Country"; the facet's
    label where not given), ``also`` are more fields a typed name matches (an acronym, shown beside the name),
    and ``own_page`` says a row has a page of its own, built from its ``value`` alone by the model's
    ``get_absolute_url`` (an organization's, a country's), opened where a register has no such facet.
    """

    model: type
    value: str
    label: str
    where: Q = field(default_factory=Q)
    kind: str | None = None
    also: tuple[str, ...] = ()
    own_page: bool = False


@dataclass(frozen=True, eq=False)
class Facet:
    """One facet: a repeatable GET parameter ``name`` whose values combine with OR.

    ``field``: the ORM path of the value from the register's model: a relation to the ``ModelChoices`` table
    (``policy_areas``, ``affiliation``), or a field holding the value (``kind``, ``countries__region``).
    ``expression``: instead of ``field``, an ORM expression computing it per record (a city's prefecture).
    ``choices``: a TextChoices class, a ``{value: label}`` dict, or :class:`ModelChoices`.
    ``long``: show the top values first and the rest behind "show all".
    """

    name: str
    label: str
    choices: object
    field: str | None = None
    expression: object = None
    long: bool = False

    @property
    def table_backed(self):
        return isinstance(self.choices, ModelChoices)


@dataclass(frozen=True)
class Range:
    """One bound of a range: ``year_from`` keeps the records whose ``field`` (a whole number, e.g.
    ``start_date__year``) is ``lookup`` (``gte``, ``lte``) the given year. Both bounds of a range share one
    ``field``, whose values have bitmaps of their own (named after the field)."""

    name: str
    label: str
    field: str
    lookup: str


@dataclass(frozen=True)
class Figures:
    """The maps and timeline a register's search page draws (``search.figures``), each from counts the search
    already reads: ``world`` names the facet whose values are ISO 3166-1 alpha-2 codes, ``japan`` the facet of
    Japanese prefectures (ISO 3166-2), ``years`` the range field of the year timeline (a field with a
    ``gte`` and an ``lte`` range); each titled by its ``_title``. ``lines``: a function of the search's
    records (a queryset) and ``title`` giving a ``maps.Figure`` or None (the partnerships' lines map)."""

    world: str = ""
    world_title: str = ""
    japan: str = ""
    japan_title: str = ""
    years: str = ""
    years_title: str = ""
    lines: object = None
    lines_title: str = ""


@dataclass(frozen=True)
class TextSearch:
    """What the text query searches.

    The stored ``search_vector``, ``search_ja`` and ``search_grams`` (kept by triggers, see the register's
    migrations and ``search.text``) hold the record's own text, ``search_links`` a token per row it links to
    (whose names are in ``search_name``).
    ``japanese_fields``: the record's own Japanese text, its title first, which ranks a Japanese query's
    matches (a word in the title first, then in the rest of these, then only in a linked name).
    ``headline`` is the text a result's snippet is cut from. ``folded_title``: a stored column holding the title
    folded (``search.text.folded_column``), which the ranking then reads; without it each ranked record's title
    is folded as it is ranked.
    """

    japanese_fields: tuple[str, ...]
    headline: object
    folded_title: str = ""


@dataclass(frozen=True)
class Suggest:
    """What a typed name matches among a register's records, for suggestions as you type (``search.suggest``).

    ``words``: fields matched at the start of any of their words (English); ``japanese``: fields matched
    anywhere from three characters, at their start below (Japanese has no spaces; trigrams need three
    characters). Each needs a pg_trgm index on ``upper(field)`` and a ``search.suggest.prefix_index`` (the
    first few records starting with the text, in order), on the related table for a field across a relation
    (one level: ``japanese_locality__name``). ``shown``: the other fields its title and ``get_absolute_url``
    read (only these and the matched fields are loaded, a related row's from the matched fields).
    """

    words: tuple[str, ...]
    japanese: tuple[str, ...] = ()
    shown: tuple[str, ...] = ("slug",)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per registered register
class Register:
    """Everything the machinery knows about one register.

    The register's ``search.py`` declares the search; its app's ``ready()`` adds the rest when it registers
    it (``registry.register(REGISTER, urls=..., exports=..., serialize=..., sitemap=...)``).
    """

    name: str  # "initiatives": the URL prefix, the API endpoint, the bitmaps' register
    model: type
    title: str  # "Initiatives"
    title_one: str  # "Initiative": the result count says "1 initiative", not "1 initiatives"
    facets: tuple[Facet, ...]
    text: TextSearch
    sorts: dict  # sort name -> order_by() arguments ("relevance" is added when there is a text query)
    default_sort: str
    list_template: str
    result_template: str
    ranges: tuple[Range, ...] = ()
    description: str = ""
    sort_labels: dict = field(default_factory=dict)  # how the sort menu names a sort, where not "Newest" etc.
    tie_breaker: tuple = ("pk",)
    suggest: Suggest | None = None  # its records are suggested as a name is typed
    figures: Figures = Figures()
    # Added when the app registers it:
    urls: str | None = None  # the app's URL module, mounted at /<name>/
    exports: object = None  # exports.columns.ExportSpec: the analysts' export columns (e-mail included)
    public_exports: object = None  # the ExportSpec everyone may download: public columns only (None: no download)
    serialize: object = None  # record -> dict of public fields, for the API (never e-mail, never consent data)
    api_fields: dict = field(default_factory=dict)  # serialize's fields as JSON Schemas, for the OpenAPI document
    related: object = None  # record (from ``for_detail()``) -> {name: [public records it links to]}, for the API
    sitemap: object = None  # a Sitemap class of the published records

    @property
    def list_url_name(self):
        return f"{self.name}:list"

    def facet(self, name):
        return next(f for f in self.facets if f.name == name)

    def range(self, name):
        return next(r for r in self.ranges if r.name == name)

    def year_fields(self):
        """The range fields (``start_date__year``), each once: their per-year counts are the timelines'."""
        return list(dict.fromkeys(bound.field for bound in self.ranges))

    def range_bounds(self, field):
        """``(name of the "from" range, name of the "to" range)`` of a range field, either ``None``."""
        names = {bound.lookup: bound.name for bound in self.ranges if bound.field == field}
        return names.get("gte"), names.get("lte")

    def base_queryset(self):
        """Published records only: the privacy rule lives in the model's ``published()``."""
        return self.model.objects.published()

    def completed(self, **pieces):
        return replace(self, **pieces)
