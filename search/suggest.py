"""Suggestions as you type: the names and records that a few typed characters match, for the search boxes.

Names come from the tables the registers' facets read their values from (every ``ModelChoices``: countries,
organizations, prefectures, policy areas, frameworks, research fields); records from each register's
``Suggest`` declaration, published ones only (``Register.base_queryset``). A name leads to its facet on the
register being searched when that register has one, else to its own page (``own_page``), else to its facet on
the first register that has it. Its count is the number of published records holding it in the register it
is counted in (the current one where it is a facet there, else that first register), read from the facet
bitmaps (the count each stores, techdiplo_search 0009), never counted row by row.

Matching, the same way for names and records (a record's title from three characters; its start below):
English fields at the start of any word (``istartswith`` or
``icontains`` of " " + the text, both served by pg_trgm's index on ``upper(field)``: a word start is a
trigram), Japanese fields anywhere from three characters and at their start below (two characters make no
trigram inside a word). Names of the small reference tables are matched anywhere in Japanese.

Queries: one for every name (one UNION ALL, counts included), one per register whose records are suggested
(one on a register's box, one per register on the site-wide box). Each is compiled once per box, the typed text
a parameter (``TYPED``): only the text changes from one keystroke to the next.
"""

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, Func, Index, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Collate, Concat, Upper
from django.utils.translation import gettext, ngettext

from bilingual.content import display_title, is_japanese

from .declarations import ModelChoices
from .registry import registry
from .urls import search_url

MIN_LENGTH = 2
MAX_LENGTH = 100  # a name is never longer; more is not typing
TYPED = "typedtextplaceholder"  # stands for the typed text in a compiled statement: letters only, never escaped
NAMES_PER_KIND = 3
MAX_NAMES = 6
MAX_RECORDS = 4  # on a register's box
RECORDS_PER_REGISTER = 2  # on the site-wide box, each register's first


@dataclass(frozen=True)
class Source:
    """One table of names: its facet values' declaration, the facet on the current register (or None), and
    the ``(register, facet)`` its counts come from."""

    choices: ModelChoices
    facet_here: object
    counted_in: tuple

    @property
    def kind_label(self):
        if self.choices.kind:
            return self.choices.kind
        return self.facet_here.label if self.facet_here else self.counted_in[1].label


def sources(register):
    """Every table of names the registers' facets read, once each (by model and rows), in the registers' order."""
    found = {}
    for each in registry.values():
        for facet in each.facets:
            if not facet.table_backed:
                continue
            key = (facet.choices.model, facet.choices.where)
            if key not in found:
                found[key] = [facet.choices, None, (each, facet)]
            if each is register and found[key][1] is None:
                found[key][1] = facet
                found[key][2] = (each, facet)
    return [Source(*parts) for parts in found.values()]


def name_fields(choices):
    """``(English fields, Japanese fields)`` a name of ``choices``' table is matched on: its label and ``also``
    fields, and the label's ``_ja`` field where the table has one."""
    japanese = f"{choices.label}_ja"
    has_japanese = any(f.name == japanese for f in choices.model._meta.get_fields())
    return (choices.label, *choices.also), ((japanese,) if has_japanese else ())


def _word_start(fields, text, any_word=True):
    """The fields start with ``text``, or (``any_word``) one of their words does."""
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__istartswith": text})
        if any_word:
            condition |= Q(**{f"{name}__icontains": f" {text}"})
    return condition


def _japanese(fields, text, anywhere):
    lookup = "icontains" if anywhere else "istartswith"
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__{lookup}": text})
    return condition


def _matching(model, fields, lookups):
    """``model``'s rows one of whose ``fields`` matches by one of ``lookups`` (``{"istartswith": text}``). A field
    across a relation (a partnership's ``japanese_locality__name``) is matched in the related table first, by
    a subquery: its few hundred names are tested once, not once per record joined to them."""
    by_relation = {}  # "" for the model's own fields; one subquery per relation, however many of its fields
    for field in fields:
        relation, _, leaf = field.rpartition("__")
        by_relation.setdefault(relation, Q())
        for lookup, value in lookups.items():
            by_relation[relation] |= Q(**{f"{leaf}__{lookup}": value})
    condition = Q()
    for relation, matched in by_relation.items():
        if relation:
            related = model._meta.get_field(relation).related_model
            matched = Q(**{f"{relation}__in": related._default_manager.filter(matched)})
        condition |= matched
    return condition


def _starts(fields, text):
    """0 for a row one of whose ``fields`` starts with the text, else 1: such rows come first."""
    return Case(
        *(When(**{f"{name}__istartswith": text}, then=Value(0)) for name in fields),
        default=Value(1),
        output_field=IntegerField(),
    )


def _names_query(index, source, text):
    choices = source.choices
    model = choices.model
    english, fields_ja = name_fields(choices)
    counted_register, counted_facet = source.counted_in
    # The bitmaps of a table-backed facet are named by the row's id (search.bitmaps._value_keys).
    table, pk = model._meta.db_table, model._meta.pk.column
    sql = "SELECT records FROM search_facet_bitmap WHERE register = %s AND facet = %s AND value = "
    sql += f'"{table}"."{pk}"::text'  # Django's own table and column names
    count = RawSQL(sql, [counted_register.name, counted_facet.name], output_field=IntegerField())  # noqa: S611
    rows = (
        model._default_manager.filter(choices.where)
        .filter(_word_start(english, text) | _japanese(fields_ja, text, anywhere=True))
        .annotate(
            s_kind=Value(index),
            s_pk=Cast("pk", IntegerField()),
            s_value=Cast(choices.value, TextField()),
            s_label=Cast(choices.label, TextField()),
            s_label_ja=Cast(fields_ja[0], TextField()) if fields_ja else Value("", output_field=TextField()),
            s_also=Concat(*choices.also, Value(""), output_field=TextField())
            if choices.also
            else Value("", output_field=TextField()),
            s_count=Coalesce(count, 0),
            s_starts=_starts((*english, *fields_ja), text),
        )
    )
    if source.choices.own_page is False or source.facet_here is not None:
        rows = rows.filter(s_count__gt=0)  # it leads to a search: one with no result is no suggestion
    rows = rows.order_by("s_starts", "-s_count", "s_label")
    fields = ("s_kind", "s_pk", "s_value", "s_label", "s_label_ja", "s_also", "s_count", "s_starts")
    return rows.values_list(*fields)[:NAMES_PER_KIND]


@functools.cache
def _names_statement(register):
    """The SQL of ``names``' query for ``register``'s box, compiled once, with ``TYPED`` in its parameters where
    the typed text goes: building and compiling a UNION of six annotated querysets cost more than running it,
    and only the text changes from one keystroke to the next. Every use of the text is a LIKE pattern."""
    parts = [_names_query(index, source, TYPED) for index, source in enumerate(sources(register))]
    if not parts:
        return None
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return query.query.sql_with_params()


def _run(sql, template, text):
    """The rows of a statement compiled with ``TYPED``, for ``text``, escaped as Django's LIKE lookups escape it."""
    typed = connection.ops.prep_for_like_query(text)
    params = [p.replace(TYPED, typed) if isinstance(p, str) else p for p in template]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def names(register, text):
    """The names matching ``text``, best first (a name starting with it, then the most records), as dicts."""
    statement = _names_statement(register)
    if statement is None:
        return []
    rows = _run(*statement, text)
    rows.sort(key=lambda row: (row[7], -row[6], row[0]))
    found = sources(register)
    return [_name(register, found[row[0]], *row[2:7]) for row in rows[:MAX_NAMES]]


def _name(register, source, value, label, label_ja, also, count):
    choices = source.choices
    shown = label_ja if is_japanese() and label_ja else label
    if also:
        shown = f"{shown} ({also})"
    counted_register, counted_facet = source.counted_in
    facet = source.facet_here
    if facet is not None:
        url, applies = search_url(register.name, **{facet.name: value}), {"name": facet.name, "value": value}
    elif choices.own_page:
        url, applies = choices.model(**{choices.value: value}).get_absolute_url(), None
    else:
        url, applies = search_url(counted_register.name, **{counted_facet.name: value}), None
    return {
        "kind": choices.model._meta.model_name,
        "kind_label": str(source.kind_label),
        "label": shown,
        "count": count,
        "count_text": gettext("%(register)s: %(count)s") % {"register": counted_register.title, "count": count},
        "url": url,
        "facet": applies,
    }


def prefix_key(field):
    """``field`` upper-cased, compared byte by byte (collation "C"): a btree index on this expression
    (``prefix_index``) serves "starts with" as a range of the index, read in its order, so the first few of
    thousands of matches are read without sorting them all."""
    return Collate(Upper(field), "C")


def prefix_index(field, name):
    """The index ``records`` reads a field's prefix matches through, for a register's model's ``Meta.indexes``."""
    return Index(prefix_key(field), name=name)


class _StartsWith(Func):
    """``key LIKE pattern``: a pattern ending in %, upper-cased like the key, is a range of ``prefix_index``."""

    template = "%(expressions)s"
    arg_joiner = " LIKE "
    output_field = BooleanField()


@functools.cache
def _records_statement(register, limit, inside):
    """``(sql, parameters, columns)`` of ``records``' query, compiled once per box and kind of text (``inside``:
    three characters or more), with ``TYPED`` where the text goes, always in a LIKE pattern (see ``names``).

    One query, a UNION ALL of branches, each at most ``limit`` records in its index's order, under one LIMIT:
    PostgreSQL runs a UNION ALL's branches in turn and stops once the LIMIT is filled, so a later branch runs
    only when the earlier ones found too few. First one branch per field, the records starting with the text
    there (not in an earlier field), through ``prefix_index``; then (``inside``) those matching it at the start
    of another word (English) or anywhere (Japanese), through the trigram indexes."""
    spec, model = register.suggest, register.model
    fields = (*spec.words, *spec.japanese)
    base = register.base_queryset()
    branches, earlier = [], Q()
    for field in fields:
        branch = base.filter(_StartsWith(prefix_key(field), Upper(Value(f"{TYPED}%"))))
        if earlier:
            branch = branch.exclude(earlier)
        branches.append(branch.order_by(prefix_key(field), "pk").values("pk")[:limit])
        earlier |= _matching(model, (field,), {"istartswith": TYPED})
    if inside:
        words = _matching(model, spec.words, {"istartswith": TYPED, "icontains": f" {TYPED}"})
        branch = base.filter(words | _matching(model, spec.japanese, {"icontains": TYPED})).exclude(earlier)
        branches.append(branch.order_by(*register.sorts["title"], "pk").values("pk")[:limit])
    chosen = branches[0].union(*branches[1:], all=True)[:limit] if len(branches) > 1 else branches[0]
    columns = tuple(dict.fromkeys(("pk", *spec.shown, *fields)))
    rows = (
        base.filter(pk__in=chosen)
        .annotate(s_starts=_starts(fields, TYPED))
        .order_by("s_starts", *register.sorts["title"], "pk")
        .values_list(*columns)
    )
    return (*rows.query.sql_with_params(), columns)


def _record(model, columns, row):
    """An unsaved ``model`` holding only ``columns`` (and the related rows they name), enough for its title and
    URL: what ``only()`` and ``select_related()`` would load, without compiling their query each time."""
    own, related = {}, {}
    for column, value in zip(columns, row, strict=True):
        relation, _, leaf = column.rpartition("__")
        (related.setdefault(relation, {}) if relation else own)[leaf] = value
    record = model(**own)
    for relation, values in related.items():
        setattr(record, relation, model._meta.get_field(relation).related_model(**values))
    return record


def records(register, text, limit):
    """Published records whose title matches ``text``, those starting with it first, then by title.

    Two characters match a start only: a word start anywhere in a large register's titles would be thousands
    of rows to sort for four (three characters narrow it). Only the columns shown are read."""
    sql, template, columns = _records_statement(register, limit, len(text) >= 3)
    return [
        {
            "kind": register.name,
            "kind_label": str(register.title_one),
            "label": display_title(record),
            "count": None,
            "count_text": "",
            "url": record.get_absolute_url(),
            "facet": None,
        }
        for record in (_record(register.model, columns, row) for row in _run(sql, template, text))
    ]


def suggestions(register, text):
    """Names, then records, for ``text`` typed in ``register``'s box (None: the site-wide box)."""
    found = names(register, text)
    if register is not None:
        return found + (records(register, text, MAX_RECORDS) if register.suggest else [])
    for each in registry.values():
        if each.suggest:
            found += records(each, text, RECORDS_PER_REGISTER)
    return found


def status(count):
    """What a screen reader hears when the list changes."""
    if not count:
        return gettext("No suggestions")
    return ngettext("%(count)s suggestion", "%(count)s suggestions", count) % {"count": count}
