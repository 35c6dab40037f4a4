"""A register's facet-bitmap SQL, generated from its declaration; frozen into its migrations.

What a register contributes to the bitmaps is one SQL function, ``<register>_facet_pairs(ids)``: the
``(facet, value, record id)`` pairs of the records ``ids``, published ones only. It is generated here from the
declaration (``<app>/search.py``): each facet's ``field`` or ``expression``, each range's ``field`` and
``published()``, compiled by Django's ORM, so the publication rule and the facets are written once, in Python.
The statement triggers that keep the bitmaps are the search app's generic functions
(``techdiplo_search/0003_generic_triggers``); which tables they watch, which columns and how a changed row
leads to its records are read from the same compiled queries.

``manage.py facet_bitmaps <register>`` writes the result into a new migration (the SQL frozen in it, the
previous state as its reverse); ``tests/test_facet_sql.py`` fails when a register's declaration and the SQL its
migrations installed differ, or when the SQL's pairs differ from the ORM's for the same records.
"""

import functools
import operator
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.db.models import F, Lookup, Q, TextField, Value
from django.db.models.expressions import Col, ResolvedOuterRef
from django.db.models.functions import Cast
from django.db.models.sql.datastructures import Join
from django.db.models.sql.where import WhereNode

EVENTS = ("insert", "update", "delete")
TRANSITIONS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}


class EqualsAny(Lookup):
    """``lhs = ANY(<array>)``, the array named in SQL (``ids``, ``$1``): the frozen SQL's own parameter."""

    lookup_name = "equals_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY({self.rhs})", params


def literal_sql(queryset):
    """The queryset's SQL with its parameters written in (quoted by the database driver)."""
    sql, params = queryset.query.sql_with_params()
    return connection.ops.compose_sql(sql, params)


def value_of(facet):
    return facet.expression if facet.expression is not None else F(facet.field)


def pair_querysets(register, ids="ids"):
    """``[(name, queryset of (facet, value, id))]``: every record (``''``), each facet, each range field."""
    records = register.base_queryset().filter(EqualsAny(F("pk"), ids)).order_by()
    text = TextField()
    named = [("", Value("", text))]
    named += [(facet.name, value_of(facet)) for facet in register.facets]
    named += [(field, F(field)) for field in dict.fromkeys(bound.field for bound in register.ranges)]
    return [
        (name, records.annotate(facet_value=Cast(value, text)).values_list(Value(name, text), "facet_value", "pk"))
        for name, value in named
    ]


def pairs_body(register):
    """The body of ``<register>_facet_pairs(ids)``: the facets' queries, without empty values."""
    parts = "\n    UNION ALL ".join(literal_sql(queryset) for _name, queryset in pair_querysets(register))
    # A record without a value (NULL, or '' in a text column) has no pair; the '' pair is every record.
    return (
        f"\n    SELECT facet, value, id FROM (\n    {parts}\n    ) AS pairs (facet, value, id)\n"  # noqa: S608 (declared names)
        "    WHERE value <> '' OR facet = ''\n"
    )


def pairs_function(register):
    return (
        f"CREATE OR REPLACE FUNCTION {register.name}_facet_pairs(ids bigint[]) "
        "RETURNS TABLE (facet text, value text, id bigint)\n"
        f"LANGUAGE sql STABLE AS $${pairs_body(register)}$$;"
    )


# What the pairs read ------------------------------------------------------------------------------------


def _walk(node, query, found):
    """Add to ``found`` ``{table: {columns}}`` every column ``node`` reads, subqueries included."""
    if isinstance(node, Col):
        if node.alias in query.alias_map:  # else the outer query's, seen from a subquery (OuterRef)
            found.setdefault(query.alias_map[node.alias].table_name, set()).add(node.target.column)
    elif isinstance(node, WhereNode):
        for child in node.children:
            _walk(child, query, found)
    elif isinstance(node, ResolvedOuterRef):
        return
    elif hasattr(node, "query") and hasattr(node.query, "alias_map"):  # Exists, Subquery
        columns_read(node.query, found)
    if hasattr(node, "get_source_expressions") and not isinstance(node, WhereNode):
        for child in node.get_source_expressions():
            if child is not None:
                _walk(child, query, found)


def columns_read(query, found=None):
    """``{table: {columns}}`` read by a compiled query: joins, conditions, selected values, subqueries."""
    found = {} if found is None else found
    for join in query.alias_map.values():
        found.setdefault(join.table_name, set())
        if isinstance(join, Join):
            parent = query.alias_map[join.parent_alias].table_name
            for parent_column, column in join.join_cols:
                found.setdefault(parent, set()).add(parent_column)
                found[join.table_name].add(column)
    _walk(query.where, query, found)
    for expression in [*query.annotations.values(), *(query.select or ())]:
        _walk(expression, query, found)
    return found


def _names(expression):
    """The ORM paths an (unresolved) expression names: F() names and Q() keys, recursively."""
    if isinstance(expression, F):
        yield expression.name
    elif isinstance(expression, Q):
        for child in expression.children:
            if isinstance(child, tuple):
                yield child[0]
                yield from _names(child[1])
            else:
                yield from _names(child)
    elif hasattr(expression, "get_source_expressions"):
        for child in expression.get_source_expressions():
            yield from _names(child)
        if hasattr(expression, "condition"):  # When()
            yield from _names(expression.condition)


def relation_paths(register):
    """``{table: [path]}``: the tables the declaration reaches through relations, by the paths it uses."""
    names = [f.field for f in register.facets if f.field] + [bound.field for bound in register.ranges]
    names += [name for f in register.facets if f.expression is not None for name in _names(f.expression)]
    paths = {}
    for name in names:
        model, prefix = register.model, []
        for part in name.split("__"):
            field = next(
                (f for f in model._meta.get_fields() if f.name == part or getattr(f, "attname", "") == part), None
            )
            if field is None or not field.is_relation or field.related_model is None:
                break
            prefix.append(field.name)
            model = field.related_model
            paths.setdefault(model._meta.db_table, []).append("__".join(prefix))
    return {table: list(dict.fromkeys(found)) for table, found in paths.items()}


# Triggers -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trigger:
    """One statement trigger: ``facets_<register>_<event>`` on ``table``, calling ``function(*arguments)``."""

    register: str
    table: str
    event: str
    function: str
    arguments: tuple

    @property
    def name(self):
        return f"facets_{self.register}_{self.event}"

    def sql(self):
        arguments = ", ".join("'" + str(argument).replace("'", "''") + "'" for argument in self.arguments)
        when = f"AFTER {self.event.upper()} ON {self.table}"
        if self.event != "truncate":
            when += f" {TRANSITIONS[self.event]}"
        return f"CREATE TRIGGER {self.name} {when} FOR EACH STATEMENT EXECUTE FUNCTION {self.function}({arguments});"


def _owner_column(table, record_model):
    """The column of ``table`` holding a record's id: a many-to-many table of the record's model, or the
    table of a model with a foreign key to it (an exchange's researcher). None for any other table."""
    for field in record_model._meta.many_to_many:
        if field.remote_field.through._meta.db_table == table:
            return field.m2m_column_name()
    for model in apps.get_models():
        if model._meta.db_table == table:
            for field in model._meta.concrete_fields:
                if field.is_relation and field.many_to_one and field.related_model is record_model:
                    return field.column
    return None


def triggers(register):
    """The register's statement triggers, in a stable order."""
    model = register.model
    records = model._meta.db_table
    read = {}
    for _name, queryset in pair_querysets(register):
        columns_read(queryset.query, read)
    paths = relation_paths(register)
    result = []
    for table in [records, *sorted(set(read) - {records})]:
        columns = read.get(table, set())
        owner = "id" if table == records else _owner_column(table, model)
        if owner is not None:  # the register's own rows: every change, and TRUNCATE rebuilds
            watched = ",".join(sorted(columns - {"id"} | ({owner} - {"id"})))
            for event in EVENTS:
                arguments = (register.name, owner, watched) if event == "update" else (register.name, owner)
                result.append(Trigger(register.name, table, event, "search_bitmap_rows_changed", arguments))
            truncate = (register.name, records)
            result.append(Trigger(register.name, table, "truncate", "search_bitmap_truncated", truncate))
            continue
        watched = sorted(columns - {"id"})
        if not watched:  # only joined by its id, which never changes
            continue
        if table not in paths:
            raise ValueError(f"{register.name}: the facets read {table}, but no declared path reaches it")
        reached = functools.reduce(operator.or_, [Q(EqualsAny(F(path), "$1")) for path in paths[table]])
        query = literal_sql(model._base_manager.filter(reached).order_by().values("pk"))
        arguments = (register.name, ",".join(watched), query)
        result.append(Trigger(register.name, table, "update", "search_bitmap_related_changed", arguments))
    return result


def install(register):
    """The SQL that puts the register's bitmaps in the state its declaration describes, from any earlier one:
    its pairs function, its triggers (every earlier one dropped), every bitmap rebuilt."""
    table = register.model._meta.db_table
    statements = [
        pairs_function(register),
        f"SELECT search_bitmap_drop_triggers('{register.name}');",
        *(trigger.sql() for trigger in triggers(register)),
        f"SELECT search_bitmap_rebuild('{register.name}', ARRAY(SELECT id FROM {table}));",  # noqa: S608
    ]
    return "\n".join(statements) + "\n"


def uninstall(register_name):
    """The SQL that removes a register's bitmaps: the reverse of its first bitmap migration."""
    statements = [
        f"SELECT search_bitmap_drop_triggers('{register_name}');",
        f"DROP FUNCTION IF EXISTS {register_name}_facet_pairs(bigint[]);",
        f"DELETE FROM search_facet_bitmap WHERE register = '{register_name}';",  # noqa: S608 (a declared name)
    ]
    return "\n".join(statements) + "\n"
