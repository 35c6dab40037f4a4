"""Load countries, first-level subdivisions and policy areas, so every database has them after ``migrate``.

The rows are frozen beside this migration, in ``0002_reference_data.json``: what ``directory.reference`` built
from pycountry and its corrections when the migration was written, so the migration never changes. Later
corrections reach a database through ``manage.py load_reference_data`` (and a new data migration, for new
databases). ``apps`` gives the models as of here.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")


def load_reference_data(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    country, locality = apps.get_model("directory", "Country"), apps.get_model("directory", "Locality")
    country.objects.bulk_create(country(iso2=iso2, **fields) for iso2, fields in data["countries"].items())
    ids = dict(country.objects.values_list("iso2", "id"))
    locality.objects.bulk_create(
        locality(
            iso_code=code, country_id=ids[row["country"]], level="prefecture", name=row["name"], name_ja=row["name_ja"]
        )
        for code, row in data["localities"].items()
    )
    policy_area = apps.get_model("directory", "PolicyArea")
    policy_area.objects.bulk_create(policy_area(slug=slug, **fields) for slug, fields in data["policy_areas"].items())


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        # Unapplying keeps the rows: other tables point at them with PROTECT, and the 0001 reversal drops them anyway.
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
