"""What a data release holds: tables that the registers declare and register when their apps are ready.

A register declares each of its tables once (``Table``: the public rows as a queryset, the columns with their
descriptions, keys and foreign keys); the writer (``writer.py``) streams them to CSV and describes them in
``datapackage.json``, taking each column's type from the model field it reads. Nothing here names a register.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

# The order of a release: what users come for first, then what links the records, then the vocabularies.
REGISTER, LINK, REFERENCE = "register", "link", "reference"
KINDS = (REGISTER, LINK, REFERENCE)

# Table Schema types of Django's field classes (the first match in the class's MRO wins).
_TYPES = (
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
    (models.DecimalField, "number"),
    (models.FloatField, "number"),
    (models.IntegerField, "integer"),
    (models.AutoField, "integer"),
    (models.BigAutoField, "integer"),
    (models.ForeignKey, "integer"),
)


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header
    description: str
    source: str = ""  # the ORM path values_list() reads; the name when empty

    @property
    def path(self):
        return self.source or self.name


@dataclass(frozen=True)
class Table:
    """A CSV of a release: ``rows()`` returns the public rows (its privacy rule lives in the register's
    querysets), ``columns`` what each row says. ``foreign_keys``: ``(column, resource, its column)``."""

    name: str
    kind: str
    title: str
    description: str
    rows: Callable[[], models.QuerySet]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    unique: tuple[str, ...] = field(default=())

    @property
    def path(self):
        return f"{self.name}.csv"

    def primary_key_paths(self):
        return [next(c.path for c in self.columns if c.name == name) for name in self.primary_key]

    def model_field(self, column):
        """The model field ``column`` reads, following relations (``researcher__slug``)."""
        model, found = self.rows().model, None
        for part in column.path.split("__"):
            found = next(f for f in model._meta.get_fields() if part in (f.name, getattr(f, "attname", None)))
            model = found.related_model or model
        return found

    def schema_field(self, column):
        """The Table Schema field of ``column``: type from the model field, its choices as an enum."""
        model_field = self.model_field(column)
        kind = next((name for cls, name in _TYPES if isinstance(model_field, cls)), "string")
        described = {"name": column.name, "type": kind, "description": column.description}
        constraints = {}
        if column.name in self.primary_key or not (model_field.null or model_field.blank):
            constraints["required"] = True
        if column.name in self.unique:
            constraints["unique"] = True
        if model_field.choices and kind == "string":
            constraints["enum"] = [str(value) for value, _label in model_field.flatchoices]
        if constraints:
            described["constraints"] = constraints
        return described


_tables = {}


def register(*tables):
    """Add tables to every release (a name registered again replaces the old table)."""
    for table in tables:
        _tables[table.name] = table


def title(name, default):
    """A table's title in the current language (``default``: the descriptor's, for a table no longer declared)."""
    return _tables[name].title if name in _tables else default


def all_tables():
    """The registered tables, registers first, then link tables, then reference tables."""
    return sorted(_tables.values(), key=lambda table: KINDS.index(table.kind))


def key(what):
    """The ``id`` column: the record's number in this register, stable from one release to the next."""
    return Column("id", f"The {what}'s identifier, stable from one release to the next.")


# The dates every register's records carry (editorial.models.EditorialModel).
EDITORIAL_DATES = (
    Column("published_at", "When the record was first published."),
    Column("updated_at", "When the record was last changed."),
)


def vocabulary(name, what, model_rows, title, description, extra=()):
    """A reference table of a ``Vocabulary`` (slug, name, Japanese name)."""
    return Table(
        name=name,
        kind=REFERENCE,
        title=title,
        description=description,
        rows=model_rows,
        columns=(
            key(what),
            Column("slug", f"The {what}'s short name in URLs and search parameters."),
            Column("name", f"The {what}'s name in English."),
            Column("name_ja", f"The {what}'s name in Japanese (empty when not recorded)."),
            *extra,
        ),
        unique=("slug",),
    )


def pairs(name, title, description, rows, left, right):
    """A link table of a many-to-many relation: ``left`` and ``right`` are ``(column, source, resource,
    description)``; both columns together are its key."""
    return Table(
        name=name,
        kind=LINK,
        title=title,
        description=description,
        rows=rows,
        columns=tuple(Column(column, text, source) for column, source, _resource, text in (left, right)),
        primary_key=(left[0], right[0]),
        foreign_keys=tuple((column, resource, "id") for column, _source, resource, _text in (left, right)),
    )
