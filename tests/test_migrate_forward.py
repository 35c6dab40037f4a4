"""A database at the migration head of before the three-layer restructuring migrates forward without loss.

The test database goes back to the leaf nodes main had then, gets records of every register (their triggers of
that time fill the bitmaps and the search vectors), and migrates forward to today's head: the records and every
bitmap must come out as they went in, the search vectors as today's triggers compute them (the text index has
grown since: linked names), and the searches must agree with the oracle.
"""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import QueryDict
from django.test import override_settings

from search import Search, registry

from . import facet_oracle
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The leaf nodes of main before issue 11 (the head a deployed database is at).
BEFORE = [
    ("accounts", "0003_analysts_group"),
    ("directory", "0002_reference_data"),
    ("initiatives", "0006_facet_bitmaps"),
    ("partnerships", "0006_search_vector_renames"),
    ("people", "0006_search_vector_renames"),
    ("techdiplo_search", "0002_bitmap_levels"),
]
TABLES = {
    "initiatives_initiative": "id, slug, title, kind, status, start_date, lead_organization_id, editorial_state",
    "initiatives_initiative_policy_areas": "initiative_id, policyarea_id",
    "initiatives_initiative_countries": "initiative_id, country_id",
    "people_researcher": "id, slug, family_name, affiliation_id, consent_to_publish, editorial_state",
    "people_exchange": "id, researcher_id, country_id, start_date",
    "partnerships_subnationalpartnership": "id, slug, japanese_locality_id, foreign_locality_id, editorial_state",
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def snapshot():
    """Every row of the registers' tables, their search vectors, and every bitmap."""
    found = {}
    with connection.cursor() as cursor:
        for table, columns in TABLES.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2")  # noqa: S608
            found[table] = cursor.fetchall()
        for table in ("initiatives_initiative", "people_researcher", "partnerships_subnationalpartnership"):
            cursor.execute(f"SELECT id, search_vector::text FROM {table} ORDER BY id")  # noqa: S608
            found[f"{table}.search_vector"] = cursor.fetchall()
        cursor.execute("SELECT register, facet, value, bits::text FROM search_facet_bitmap ORDER BY 1, 2, 3")
        found["bitmaps"] = cursor.fetchall()
    return found


def recomputed_vectors():
    """``found``'s search vectors as the registers' triggers compute them now."""
    with connection.cursor() as cursor:
        for table in ("initiatives_initiative", "people_researcher", "partnerships_subnationalpartnership"):
            cursor.execute(f"UPDATE {table} SET search_vector = NULL")  # noqa: S608
    return {name: rows for name, rows in snapshot().items() if name.endswith("search_vector")}


@contextmanager
def columns_added_since():
    """Today's models insert every field they have: a column added since ``BEFORE`` (``published_at``) is there
    while the records are built, then dropped, so the migrations add (and fill) it as on a deployed database."""
    added = []
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.db_table not in tables:
                continue
            existing = {
                column.name for column in connection.introspection.get_table_description(cursor, model._meta.db_table)
            }
            added += [(model, field) for field in model._meta.local_concrete_fields if field.column not in existing]
    with connection.schema_editor() as editor:
        for model, field in added:
            if field.generated:
                # Its expression may call a function of a later migration: a plain column stands in (the ORM
                # never writes a generated column, and the migrations add the real one).
                column = f"{editor.quote_name(field.column)} {field.output_field.db_type(connection)}"
                editor.execute(f"ALTER TABLE {editor.quote_name(model._meta.db_table)} ADD COLUMN {column}")
            else:
                editor.add_field(model, field)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            for model, field in added:
                editor.remove_field(model, field)


def triggers_on_initiatives():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'initiatives_initiative'::regclass")
        return {name for (name,) in cursor.fetchall()}


def test_a_database_of_before_migrates_forward_with_its_records_vectors_and_bitmaps():
    migrate(BEFORE)
    try:
        assert "initiatives_initiative_facets_insert" in triggers_on_initiatives()  # the register's own of then
        # Today's models also keep their links' history, in tables the old schema lacks: not needed here.
        with columns_added_since(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            build_initiatives()
            build_researchers()
            build_partnerships()
        before = snapshot()
        assert {register for register, *_ in before["bitmaps"]} == {"initiatives", "researchers", "partnerships"}
    finally:
        migrate(None)
    assert "facets_initiatives_insert" in triggers_on_initiatives()  # the generic ones of now
    assert "initiatives_initiative_facets_insert" not in triggers_on_initiatives()
    after = snapshot()
    vectors = {name: rows for name, rows in after.items() if name.endswith("search_vector")}
    assert {name: rows for name, rows in after.items() if name not in vectors} == {
        name: rows for name, rows in before.items() if name not in vectors
    }
    assert vectors == recomputed_vectors()
    with connection.cursor() as cursor:  # published_at was backfilled (from history, else created_at)
        for table in ("initiatives_initiative", "people_researcher", "partnerships_subnationalpartnership"):
            cursor.execute(f"SELECT count(*), count(published_at) FROM {table} WHERE editorial_state = 'published'")  # noqa: S608
            published, dated = cursor.fetchone()
            assert published == dated > 0
    for vectors in (rows for name, rows in after.items() if name.endswith("search_vector")):
        assert vectors and all(vector for _id, vector in vectors)  # every record's text is searchable
    for name, params in [("initiatives", "status=active"), ("researchers", "exchange=yes"), ("partnerships", "")]:
        search = Search(registry[name], QueryDict(params))
        assert search.total() == facet_oracle.filtered(search).count() > 0
