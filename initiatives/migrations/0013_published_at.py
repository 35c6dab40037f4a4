"""``published_at``: the column, backfilled from the first "published" history record (else ``created_at``), and
the row trigger that sets it once, on first publication (``editorial_published_at()``, editorial/migrations)."""

from django.db import migrations, models

# A record published before this column existed: the first history record that shows it published (a draft
# published once and unpublished since keeps that date too); a published record without one, its creation.
BACKFILL = """
UPDATE initiatives_initiative AS record
SET published_at = COALESCE(
    (SELECT min(history.history_date) FROM initiatives_historicalinitiative AS history
     WHERE history.id = record.id AND history.editorial_state = 'published'),
    CASE WHEN record.editorial_state = 'published' THEN record.created_at END
)
"""
TRIGGER = """
CREATE TRIGGER initiatives_initiative_published_at BEFORE INSERT OR UPDATE ON initiatives_initiative
FOR EACH ROW EXECUTE FUNCTION editorial_published_at()
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_published_at"),
        ("initiatives", "0012_last_reviewed_on_every_register"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinitiative",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="When the record was first published. Feeds list records by it.",
                null=True,
                verbose_name="first published",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="When the record was first published. Feeds list records by it.",
                null=True,
                verbose_name="first published",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGER, "DROP TRIGGER initiatives_initiative_published_at ON initiatives_initiative"),
    ]
