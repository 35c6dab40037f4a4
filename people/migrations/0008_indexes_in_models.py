"""The search indexes, declared in the model's ``Meta.indexes`` from now on.

0002_researcher_search_vector and 0003_search_indexes made them with raw SQL, under
names longer than Django allows (30 characters): the database only renames them, and Django's state learns
them as the models declare them (the same definitions, tests/test_migrations.py checks).
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

RENAMES = [
    ("people_researcher_search_vector_gin", "researcher_vector_gin"),
    ("people_researcher_name_ja_trgm", "researcher_name_ja_trgm"),
    ("people_researcher_public_facets", "researcher_public_facets"),
    ("people_researcher_public_by_name", "researcher_public_by_name"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_reference_data"),
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
                    model_name="researcher",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="researcher_vector_gin"
                    ),
                ),
                migrations.AddIndex(
                    model_name="researcher",
                    index=django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("name_ja"), name="gin_trgm_ops"
                        ),
                        name="researcher_name_ja_trgm",
                    ),
                ),
                migrations.AddIndex(
                    model_name="researcher",
                    index=models.Index(
                        condition=models.Q(("editorial_state", "published"), ("consent_to_publish", True)),
                        fields=["id"],
                        include=("career_stage", "english_level", "country", "affiliation"),
                        name="researcher_public_facets",
                    ),
                ),
                migrations.AddIndex(
                    model_name="researcher",
                    index=models.Index(
                        condition=models.Q(("editorial_state", "published"), ("consent_to_publish", True)),
                        fields=["family_name", "given_name", "id"],
                        name="researcher_public_by_name",
                    ),
                ),
            ],
        )
    ]
