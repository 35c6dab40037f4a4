"""Full-text search for subnational partnerships.

A trigger fills ``search_vector`` on every insert and update: both localities'
names (English and Japanese), their parents' and countries' names (A) and the
description (C). Renaming a locality or a country refreshes its partnerships (a
trigger of 0006_search_vector_names). A GIN index serves the @@ match.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION partnerships_subnationalpartnership_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(
      (SELECT string_agg(concat_ws(' ', l.name, l.name_ja, p.name, p.name_ja, c.name), ' ')
         FROM directory_locality l
         JOIN directory_country c ON c.id = l.country_id
         LEFT JOIN directory_locality p ON p.id = l.parent_id
        WHERE l.id IN (NEW.japanese_locality_id, NEW.foreign_locality_id)),
      '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END $$;
CREATE TRIGGER partnerships_subnationalpartnership_search_vector BEFORE INSERT OR UPDATE
  ON partnerships_subnationalpartnership
  FOR EACH ROW EXECUTE FUNCTION partnerships_subnationalpartnership_search_vector();
UPDATE partnerships_subnationalpartnership SET search_vector = NULL;
CREATE INDEX partnerships_subnationalpartnership_search_vector_gin
  ON partnerships_subnationalpartnership USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS partnerships_subnationalpartnership_search_vector_gin;
DROP TRIGGER IF EXISTS partnerships_subnationalpartnership_search_vector ON partnerships_subnationalpartnership;
DROP FUNCTION IF EXISTS partnerships_subnationalpartnership_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_established_not_in_future"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="subnationalpartnership",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # One execute() each: Django would split a plain string at the semicolons inside function bodies.
        migrations.RunSQL([FORWARD], [BACKWARD]),
    ]
