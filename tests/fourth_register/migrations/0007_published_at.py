"""``published_at`` and its trigger (``editorial_published_at()``), as every register has them."""

from django.db import migrations, models

TRIGGER = """
CREATE TRIGGER fourth_register_agreement_published_at BEFORE INSERT OR UPDATE ON fourth_register_agreement
FOR EACH ROW EXECUTE FUNCTION editorial_published_at()
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_published_at"),
        ("fourth_register", "0006_last_reviewed"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
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
        migrations.RunSQL(TRIGGER, "DROP TRIGGER fourth_register_agreement_published_at ON fourth_register_agreement"),
    ]
