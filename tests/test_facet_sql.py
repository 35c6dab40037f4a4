"""One SQL for the bitmaps: each register's SQL is what its declaration generates, and says what the ORM says.

A register's migrations install ``<register>_facet_pairs`` and its triggers from SQL that ``manage.py
facet_bitmaps`` generated from the declaration (``search/sql.py``) and froze. These tests fail when the
declaration changed without a new migration, and when the installed SQL gives other pairs than the
declaration read with the ORM (``tests/facet_oracle.py``) for the same records, drafts and researchers without
consent included (they must give none).
"""

import dataclasses

import pytest
from django.db import connection

from directory.models import PolicyArea
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from search import registry, sql
from search.declarations import Facet

from . import facet_oracle
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db

EVENTS = {4: "insert", 8: "delete", 16: "update", 32: "truncate"}  # pg_trigger.tgtype's event bits
RUN = "manage.py facet_bitmaps {name}: the declaration changed, its bitmaps need a migration"


def installed_triggers(name):
    """``{(table, trigger name, event, function, arguments)}`` of the register's triggers in the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.tgrelid::regclass::text, t.tgname, t.tgtype, p.proname, t.tgargs FROM pg_trigger AS t "
            "JOIN pg_proc AS p ON p.oid = t.tgfoid WHERE t.tgname LIKE %s",
            [f"facets\\_{name}\\_%"],
        )
        rows = cursor.fetchall()
    found = set()
    for table, trigger, kind, function, arguments in rows:
        events = [event for bit, event in EVENTS.items() if kind & bit]
        assert len(events) == 1, (trigger, kind)
        found.add((table, trigger, events[0], function, tuple(bytes(arguments).decode().split("\0")[:-1])))
    return found


def generated_triggers(register):
    return {(t.table, t.name, t.event, t.function, tuple(t.arguments)) for t in sql.triggers(register)}


def installed_pairs_body(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [f"{name}_facet_pairs"])
        return cursor.fetchone()[0]


def differences(register):
    """What the database's SQL lacks or has beyond ``register``'s declaration (empty when they agree)."""
    found = []
    if installed_pairs_body(register.name) != sql.pairs_body(register):
        found.append(f"{register.name}_facet_pairs")
    installed, generated = installed_triggers(register.name), generated_triggers(register)
    found += [f"extra trigger {t[:3]}" for t in sorted(installed - generated)]
    found += [f"missing trigger {t[:3]}" for t in sorted(generated - installed)]
    return found


def sql_pairs(register, ids):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT facet, value, id FROM {register.name}_facet_pairs(%s::bigint[])", [ids])  # noqa: S608
        return set(cursor.fetchall())


@pytest.fixture
def every_register_filled():
    build_initiatives()
    build_researchers()
    build_partnerships()
    for partnership in SubnationalPartnership.objects.all():  # drafts too: they must give no pair
        partnership.focus_areas.add(*PolicyArea.objects.order_by("pk")[: 1 + partnership.pk % 2])


@pytest.mark.parametrize("name", list(registry))
def test_the_migrations_installed_what_the_declaration_generates(name):
    assert differences(registry[name]) == [], RUN.format(name=name)


@pytest.mark.parametrize("name", list(registry))
def test_the_pairs_function_gives_what_the_orm_gives(every_register_filled, name):
    register = registry[name]
    ids = list(register.model._base_manager.values_list("pk", flat=True))
    assert register.base_queryset().count() < len(ids)  # drafts (and researchers without consent) are asked for
    pairs = sql_pairs(register, ids)
    assert pairs == facet_oracle.pairs(register, ids)
    declared = {"", *(facet.name for facet in register.facets), *(bound.field for bound in register.ranges)}
    assert {facet for facet, _value, _id in pairs} == declared  # the data reaches every facet


def test_a_facet_declared_but_not_migrated_is_caught(every_register_filled):
    register = registry["researchers"]
    family = Facet("family", "Family name", {}, field="family_name")
    grown = dataclasses.replace(register, facets=(*register.facets, family))
    found = differences(grown)
    assert "researchers_facet_pairs" in found
    assert any("people_researcher" in line for line in found)  # family_name is now a column to watch
    ids = list(Researcher.objects.values_list("pk", flat=True))
    assert sql_pairs(grown, ids) != facet_oracle.pairs(grown, ids)


def test_a_watched_column_left_out_is_caught():
    register = registry["initiatives"]
    narrower = dataclasses.replace(register, facets=tuple(f for f in register.facets if f.name != "sector"))
    found = differences(narrower)
    assert "initiatives_facet_pairs" in found
    assert any("directory_organization" in line for line in found)  # the sector's trigger on organizations
