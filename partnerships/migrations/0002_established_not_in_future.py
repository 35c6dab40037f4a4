"""On PostgreSQL, refuse a year established in the future at the database too.

SQLite forbids the current date in a CHECK constraint, so there the model's
validator (used by forms, the admin and imports) is the guard.
"""

from django.db import migrations

CONSTRAINT = "partnership_established_not_future"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE partnerships_subnationalpartnership ADD CONSTRAINT {CONSTRAINT} "
            "CHECK (established IS NULL OR established <= EXTRACT(YEAR FROM CURRENT_DATE))"
        )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE partnerships_subnationalpartnership DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
