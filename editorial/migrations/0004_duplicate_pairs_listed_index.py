"""The curation page reads the pairs not dismissed, most similar first, and counts them: a partial index serves both."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_duplicate_pairs_dismissed"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="duplicatepair",
            name="duplicate_pair_ranked",
        ),
        migrations.AddIndex(
            model_name="duplicatepair",
            index=models.Index(
                condition=models.Q(("dismissed", False)),
                fields=["kind", "-similarity", "first_id", "second_id"],
                name="duplicate_pair_listed",
            ),
        ),
    ]
