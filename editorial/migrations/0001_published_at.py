"""The row trigger function behind ``EditorialModel.published_at``: set once, on first publication.

A register's migration adds the column and a ``BEFORE INSERT OR UPDATE`` row trigger calling this function on its
table. A trigger rather than ``save()`` alone: the admin's "Publish selected" (``bulk_update``),
``QuerySet.update()``, imports and raw SQL all publish without calling ``save()``.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION editorial_published_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.published_at IS NOT NULL THEN
        -- Set once: an unpublished record published again keeps its first date, whatever the statement says.
        NEW.published_at := OLD.published_at;
    ELSIF NEW.editorial_state = 'published' AND NEW.published_at IS NULL THEN
        NEW.published_at := now();
    ELSIF NEW.editorial_state <> 'published' AND (TG_OP = 'INSERT' OR OLD.published_at IS NULL) THEN
        -- Never published yet: no date, even if a statement tries to give one.
        NEW.published_at := NULL;
    END IF;
    RETURN NEW;
END
$$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS editorial_published_at()"),
    ]
