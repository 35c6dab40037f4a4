"""Refuse a year established in the future at the database too (the model's validator says it to forms)."""

from django.db import migrations

CONSTRAINT = "partnership_established_not_future"

ADD = (
    f"ALTER TABLE partnerships_subnationalpartnership ADD CONSTRAINT {CONSTRAINT} "
    "CHECK (established IS NULL OR established <= EXTRACT(YEAR FROM CURRENT_DATE))"
)
DROP = f"ALTER TABLE partnerships_subnationalpartnership DROP CONSTRAINT {CONSTRAINT}"


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunSQL(ADD, DROP)]
