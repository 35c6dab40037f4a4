"""Export columns, declared once per register and shared by the staff exports and the admin import/export.

A register's ``exports.py`` lists its columns in contract order (see the README, "Exports"). Each column
knows how to read its cell from a record (a plain value: text, a number or ``None``) and, when it maps to
a model field, which import widget writes it back. Columns that are derived (a sector, a region, a count)
are export-only: the import ignores them, so an exported file imports back without changes.

Cells never query: the related rows they read come from ``ExportSpec.prepare()``'s select/prefetch.

Each column also says how to read its cell without model instances (``FromRow``): the staff exports of whole
registers read plain tuples with ``values_list()`` (see ``rows``), which is many times faster than
building models, related managers and prefetches per row; the multi-valued cells are aggregated in SQL
(``FromRow.aggregate``, see ``aggregated``). Both readers must give the same cells
(``tests/test_export_rows.py`` compares them).
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import quote

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.http import RFC3986_SUBDELIMS

from .cells import join, plain, typed
from .related import Related, related_values
from .widgets import KeyListWidget, RefWidget


@dataclass(frozen=True)
class FromRow:
    """How the row reader gets one cell from plain values, without model instances (``exports.rows``).

    ``paths``: ``values_list()`` paths on the exported model, read in the row's own query (``cell(*values)``).
    ``related``: for multi-valued cells, a ``related.Related``: the rows of ``(owner pk, value, ...)`` that
    ``aggregate`` turns into the cell, in SQL (``None``: ``related.joined``, the joined first values).
    ``cell`` turns the single value into the cell (``paths``; default: as it is), or gives the cell of a
    record without related rows (``related``: ``cell([])``; default: the joined first values, "").
    """

    paths: tuple = ()
    related: object = None
    cell: object = None
    aggregate: object = None


@dataclass(frozen=True)
class Column:
    """One export column. ``attribute`` is the model field an import writes (``None``: export-only)."""

    name: str
    attribute: str | None = None
    read: object = None  # callable(record) -> cell value; defaults to the attribute's value
    widget: object = None  # callable() -> an import_export widget; ``None`` for plain fields
    from_row: FromRow | None = None  # how the row reader gets the cell; ``None``: this spec's exports use models

    def value(self, obj, base_url="", as_typed=False):
        """The cell: dates as ISO 8601 text, or (``as_typed``) as ``cells.typed()`` gives them."""
        convert = typed if as_typed else plain
        if self.read is not None:
            return convert(self.read(obj))
        return convert(getattr(obj, self.attribute))

    @property
    def importable(self):
        return self.attribute is not None


@dataclass(frozen=True)
class UrlColumn(Column):
    """The record's public detail page as an absolute URL (export-only)."""

    def value(self, obj, base_url="", as_typed=False):
        return base_url + obj.get_absolute_url()

    def row_cell(self, model, base_url):
        """``cell(slug)`` building the same URL from one reversed URL: ``reverse()`` per row is slow."""
        template = base_url + model(slug=SLUG_PLACEHOLDER).get_absolute_url()
        prefix, suffix = template.split(SLUG_PLACEHOLDER)
        # The detail URLs take <slug:...>: letters, digits, "-" and "_", which quote() leaves as they are.
        return lambda slug: prefix + (slug if _unquoted(slug) else quote(slug, safe=URL_SAFE)) + suffix


SLUG_PLACEHOLDER = "slug-placeholder-0"
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted in a URL argument
_unquoted = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch  # quote()'s always-safe characters


def text(name, attribute=None):
    """A model field exported as it is stored (text, choice value, number, date)."""
    attribute = attribute or name
    return Column(name, attribute=attribute, from_row=FromRow(paths=(attribute,)))


def ref(name, model, key, attribute=None):
    """A foreign key exported as the related record's ``key`` (slug or ISO code) and imported by it."""
    attribute = attribute or name

    def read(obj):
        related = getattr(obj, attribute)
        return None if related is None else getattr(related, key)

    from_row = FromRow(paths=(f"{attribute}__{key}",))
    return Column(name, attribute=attribute, read=read, widget=lambda: RefWidget(model, key), from_row=from_row)


def many(name, model, key, attribute=None):
    """A many-to-many field exported as "; "-joined keys and imported by them (unknown keys are errors)."""
    attribute = attribute or name
    return Column(
        name,
        attribute=attribute,
        read=lambda obj: join(getattr(r, key) for r in getattr(obj, attribute).all()),
        widget=lambda: KeyListWidget(model, key),
        from_row=FromRow(related=related_values(f"{attribute}__{key}")),
    )


def derived(name, read, from_row=None):
    """An export-only column computed from the record and its prefetched relations (``from_row``: without them)."""
    return Column(name, read=read, from_row=from_row)


def read_only(name):
    """A model field exported as it is stored but never imported (``updated_at``: the import sets it)."""
    return Column(name, read=lambda obj: getattr(obj, name), from_row=FromRow(paths=(name,)))


def url(name="url"):
    return UrlColumn(name, from_row=FromRow(paths=("slug",)))


@dataclass(frozen=True)
class ExportSpec:
    """What one register exports: its columns in order and the joins that keep every cell query-free."""

    register: str
    model: type
    columns: list
    select_related: tuple = ()
    prefetch_related: tuple = ()

    @property
    def headers(self):
        return [c.name for c in self.columns]

    def prepare(self, queryset):
        """Add the joins the cells read: one JOINed query per chunk plus one query per prefetch."""
        return queryset.select_related(*self.select_related).prefetch_related(*self.prefetch_related)

    def row(self, obj, base_url="", as_typed=False):
        return [c.value(obj, base_url, as_typed) for c in self.columns]

    def without(self, *names):
        """This spec without the columns ``names``: a register's public download leaves out what only staff see
        (``spec.without("email")``). A name that is no column is an error, so a renamed column cannot slip out."""
        if unknown := set(names) - set(self.headers):
            raise ValueError(f"{self.register} has no export columns {sorted(unknown)}")
        return replace(self, columns=[c for c in self.columns if c.name not in names])


def published_keys(name, model, through, target, key):
    """An export-only column of the ``key``s of the published records linked through a through model.

    ``through`` is ``model``'s reverse accessor to the through model (``participations``), ``target``
    that model's foreign key to the other register (``researcher``). Drafts (and researchers without
    consent) must never leave through an export, not even as a slug in another record's row.

    Returns the column and the Prefetch that fills it: one query per chunk of rows, driven by the
    through table's index on ``model``. Without the Prefetch a cell falls back to one query.
    """
    through_model = model._meta.get_field(through).related_model
    back = model._meta.get_field(through).field.name
    published = through_model._meta.get_field(target).related_model.objects.published()
    to_attr = f"published_{name}"

    def linked(queryset):
        return queryset.filter(Exists(published.filter(pk=OuterRef(target)))).order_by()

    def links(queryset):
        return linked(queryset).select_related(target).only(back, target, f"{target}__{key}")

    def source(model):
        return linked(through_model.objects.all()), back, (f"{target}__{key}",)

    def read(obj):
        rows = getattr(obj, to_attr, None)
        if rows is None:
            rows = links(getattr(obj, through).all())
        return join(getattr(getattr(row, target), key) for row in rows)

    prefetch = Prefetch(through, queryset=links(through_model.objects.all()), to_attr=to_attr)
    from_row = FromRow(related=Related(source, group=("published", to_attr)))
    return Column(name, read=read, from_row=from_row), prefetch
