"""The search indexes, declared in the model's ``Meta.indexes`` from now on.

0003_subnationalpartnership_search_vector made them with raw SQL, under
names longer than Django allows (30 characters): the database only renames them, and Django's state learns
them as the models declare them (the same definitions, tests/test_migrations.py checks).
"""

import django.contrib.postgres.indexes
from django.db import migrations

RENAMES = [
    ("partnerships_subnationalpartnership_search_vector_gin", "partnership_vector_gin"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_reference_data"),
        ("partnerships", "0007_partnerships_facet_bitmaps"),
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
                    model_name="subnationalpartnership",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="partnership_vector_gin"
                    ),
                ),
            ],
        )
    ]
