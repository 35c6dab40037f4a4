"""Countries' other names (Viet Nam, USA, Britain, 大韓民国 ...), which the text search indexes beside the name.

The values are frozen beside this migration, in ``0003_country_alt_names.json``: what ``directory.reference``
built (pycountry's formal and common names and ``COUNTRY_ALT_NAMES``) when it was written.
"""

import json
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).with_suffix(".json")


def load_alt_names(apps, schema_editor):
    country_model = apps.get_model("directory", "Country")
    alt_names = json.loads(DATA.read_text(encoding="utf-8"))
    countries = list(country_model.objects.filter(iso2__in=list(alt_names)))
    for country in countries:
        country.alt_names = alt_names[country.iso2]
    country_model.objects.bulk_update(countries, ["alt_names"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="country",
            name="alt_names",
            field=models.CharField(
                blank=True,
                help_text="Other names the country is searched by, separated by semicolons (USA; America; アメリカ).",
                max_length=300,
                verbose_name="other names",
            ),
        ),
        migrations.RunPython(load_alt_names, migrations.RunPython.noop),
    ]
