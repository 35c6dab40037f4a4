"""``manage.py facet_bitmaps <register>``: a migration that installs the register's facet bitmaps as declared.

Run it after adding a register or changing a register's facets or ranges (``tests/test_facet_sql.py`` says
when). The migration freezes the SQL generated from the declaration (``search/sql.py``): the pairs function,
the triggers and a rebuild; its reverse is the state before (the previous such migration's SQL, or nothing).
``--print`` shows the SQL instead of writing the file.
"""

import importlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from search import registry, sql

SEARCH_APP = "techdiplo_search"

TEMPLATE = '''"""The {name} register's facet bitmaps, as {declaration} declares them.

Written by ``manage.py facet_bitmaps {name}`` (``search/sql.py``): the SQL is frozen here, so a later change of
the declaration gets a migration of its own. Reverse: the state before.
"""

from django.db import migrations

REGISTER = "{name}"
SQL = r"""
{sql}"""
PREVIOUS_SQL = r"""
{previous}"""


class Migration(migrations.Migration):
    dependencies = [{dependencies}]

    operations = [migrations.RunSQL([SQL], [PREVIOUS_SQL])]  # one execute() each, not split at every semicolon
'''


class Command(BaseCommand):
    help = "Write a migration that installs a register's facet bitmaps as its declaration says."

    def add_arguments(self, parser):
        parser.add_argument("register", help="the register's name, e.g. initiatives")
        parser.add_argument("--print", action="store_true", help="print the SQL, write nothing")

    def handle(self, register, **options):
        if register not in registry:
            raise CommandError(f"No register named {register!r} (known: {', '.join(registry)}).")
        declared = registry[register]
        state = sql.install(declared)
        if options["print"]:
            self.stdout.write(state)
            return
        app = declared.model._meta.app_config
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        leaf = max(name for label, name in loader.graph.leaf_nodes() if label == app.label)
        search_leaf = max(name for label, name in loader.graph.leaf_nodes() if label == SEARCH_APP)
        previous = previous_sql(loader, app.label, leaf, register)
        if previous is not None and previous.strip() == state.strip():
            self.stdout.write(f"{register}: the migrations already install what the declaration says.")
            return
        number = int(leaf.split("_")[0]) + 1
        path = Path(app.path) / "migrations" / f"{number:04d}_{register}_facet_bitmaps.py"
        path.write_text(
            TEMPLATE.format(
                name=register,
                declaration=f"{app.name.replace('.', '/')}/search.py",
                sql=state,
                previous=previous if previous is not None else sql.uninstall(register),
                dependencies=", ".join(
                    f'("{label}", "{name}")' for label, name in [(app.label, leaf), (SEARCH_APP, search_leaf)]
                ),
            )
        )
        self.stdout.write(f"Wrote {path}")


def previous_sql(loader, app_label, leaf, register):
    """The SQL of the latest migration of the app that installed ``register``'s bitmaps this way, or None."""
    for label, name in reversed(loader.graph.forwards_plan((app_label, leaf))):
        if label != app_label:
            continue
        module = importlib.import_module(f"{loader.migrations_module(label)[0]}.{name}")
        if getattr(module, "REGISTER", None) == register and hasattr(module, "SQL"):
            return module.SQL.lstrip("\n")
    return None
