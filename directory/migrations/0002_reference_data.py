"""Load countries, first-level subdivisions and policy areas, so every database has them after ``migrate``.

The data is built by ``directory.reference``, whose functions stay stable for
this migration's sake (see its docstring); ``apps`` gives the models as of here.
"""

from django.db import migrations

from directory.reference import load


def load_reference_data(apps, schema_editor):
    load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        # Unapplying keeps the rows: other tables point at them with PROTECT, and the 0001 reversal drops them anyway.
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
