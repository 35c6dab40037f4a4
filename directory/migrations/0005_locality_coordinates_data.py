"""Latitude and longitude of the reference data's first-level subdivisions (prefectures, states, provinces).

Frozen beside this migration, in ``0005_locality_coordinates_data.json`` (``{ISO 3166-2 code: [lat, lon]}``):
what ``maps.coordinates.subdivision`` gave when it was written, the centroid of each subdivision's largest
polygon in Natural Earth's admin-1 shapes (``maps/data/places.json``), so the migration never changes and needs
neither the shapes nor GeoNames. Codes Natural Earth draws otherwise (Kenya's 47 counties, a few others) have
none: their partnerships are drawn from the country's centre (``partnerships/figures.py``). A coordinate an
editor has already set is kept.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")


def fill(apps, schema_editor):
    locality = apps.get_model("directory", "Locality")
    coordinates = json.loads(DATA.read_text(encoding="utf-8"))
    rows = list(locality.objects.filter(iso_code__in=list(coordinates), latitude__isnull=True))
    for row in rows:
        row.latitude, row.longitude = coordinates[row.iso_code]
    locality.objects.bulk_update(rows, ["latitude", "longitude"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_locality_coordinates"),
    ]

    operations = [
        # Unapplying keeps the values: 0004's reversal drops the columns anyway.
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
