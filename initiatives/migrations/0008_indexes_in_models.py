"""The search indexes, declared in the model's ``Meta.indexes`` from now on.

0002_initiative_search_vector and 0003_search_indexes made them with raw SQL, under
names longer than Django allows (30 characters): the database only renames them, and Django's state learns
them as the models declare them (the same definitions, tests/test_migrations.py checks).
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

RENAMES = [
    ("initiatives_initiative_search_vector_gin", "initiative_vector_gin"),
    ("initiatives_initiative_title_ja_trgm", "initiative_title_ja_trgm"),
    ("initiatives_initiative_published_facets", "initiative_published_facets"),
    ("initiatives_initiative_published_newest", "initiative_newest"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_reference_data"),
        ("initiatives", "0007_initiatives_facet_bitmaps"),
        ("people", "0007_researchers_facet_bitmaps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    [f"ALTER INDEX {old} RENAME TO {new}" for old, new in RENAMES],
                    [f"ALTER INDEX {new} RENAME TO {old}" for old, new in RENAMES],
                )
            ],
            state_operations=[
                migrations.AddIndex(
                    model_name="initiative",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="initiative_vector_gin"
                    ),
                ),
                migrations.AddIndex(
                    model_name="initiative",
                    index=django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("title_ja"), name="gin_trgm_ops"
                        ),
                        name="initiative_title_ja_trgm",
                    ),
                ),
                migrations.AddIndex(
                    model_name="initiative",
                    index=models.Index(
                        condition=models.Q(("editorial_state", "published")),
                        fields=["id"],
                        include=("kind", "status", "start_date", "lead_organization"),
                        name="initiative_published_facets",
                    ),
                ),
                migrations.AddIndex(
                    model_name="initiative",
                    index=models.Index(
                        models.OrderBy(models.F("start_date"), descending=True, nulls_last=True),
                        models.F("title"),
                        models.F("id"),
                        condition=models.Q(("editorial_state", "published")),
                        name="initiative_newest",
                    ),
                ),
            ],
        )
    ]
