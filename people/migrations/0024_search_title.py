"""``search_title``: the Japanese title (name_ja) folded, a stored generated column (``search.text.folded_column``).

Ranking a Japanese query folded each ranked record's title twice (the word in the title, the title's similarity
to the query): about 18 ms for 1,000 records at 100,000 (the initiatives' ranking query for 共同研究 went from 29
to 16 ms with this column). PostgreSQL computes the column on every write, so no trigger keeps it and it is never
stale. Adding it rewrites the table once.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0023_suggestion_prefix_indexes"),
        ("techdiplo_search", "0004_text_normalisation"),  # search_text_fold
    ]

    operations = [
        migrations.AddField(
            model_name="researcher",
            name="search_title",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(
                    models.F("name_ja"), function="search_text_fold", output_field=models.TextField()
                ),
                output_field=models.TextField(),
            ),
        ),
    ]
