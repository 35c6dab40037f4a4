"""Full-text search for researchers.

A trigger fills ``search_vector`` on every insert and update (names A, the
affiliation's name and acronym B, bio C), so bulk_create keeps it too; renaming
an organization refreshes its researchers (a trigger of 0006_search_vector_names).
A GIN index serves the @@ match and a pg_trgm index the substring match on the
Japanese name.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION people_researcher_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', concat_ws(' ', NEW.given_name, NEW.family_name, NEW.name_ja)), 'A') ||
    setweight(to_tsvector('english', coalesce(
      (SELECT concat_ws(' ', o.name, o.acronym, o.name_ja) FROM directory_organization o WHERE o.id = NEW.affiliation_id),
      '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.bio, '')), 'C');
  RETURN NEW;
END $$;
CREATE TRIGGER people_researcher_search_vector BEFORE INSERT OR UPDATE ON people_researcher
  FOR EACH ROW EXECUTE FUNCTION people_researcher_search_vector();
UPDATE people_researcher SET search_vector = NULL;
CREATE INDEX people_researcher_search_vector_gin ON people_researcher USING gin (search_vector);
CREATE INDEX people_researcher_name_ja_trgm ON people_researcher USING gin (upper(name_ja::text) gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS people_researcher_name_ja_trgm;
DROP INDEX IF EXISTS people_researcher_search_vector_gin;
DROP TRIGGER IF EXISTS people_researcher_search_vector ON people_researcher;
DROP FUNCTION IF EXISTS people_researcher_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="researcher",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # One execute() each: Django would split a plain string at the semicolons inside function bodies.
        migrations.RunSQL([FORWARD], [BACKWARD]),
    ]
