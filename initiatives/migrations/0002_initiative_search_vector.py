"""Full-text search for initiatives.

A trigger fills the column (title A,
summary B, description C) on every insert and update, so bulk_create and raw
SQL keep it current too, and a GIN index serves the @@ match. A pg_trgm GIN
index serves the substring match on the Japanese title (Japanese has no spaces,
so a word inside a title is not a token).
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION initiatives_initiative_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_ja, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END $$;
CREATE TRIGGER initiatives_initiative_search_vector BEFORE INSERT OR UPDATE ON initiatives_initiative
  FOR EACH ROW EXECUTE FUNCTION initiatives_initiative_search_vector();
UPDATE initiatives_initiative SET search_vector = NULL;
CREATE INDEX initiatives_initiative_search_vector_gin ON initiatives_initiative USING gin (search_vector);
CREATE INDEX initiatives_initiative_title_ja_trgm ON initiatives_initiative USING gin (upper(title_ja::text) gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS initiatives_initiative_title_ja_trgm;
DROP INDEX IF EXISTS initiatives_initiative_search_vector_gin;
DROP TRIGGER IF EXISTS initiatives_initiative_search_vector ON initiatives_initiative;
DROP FUNCTION IF EXISTS initiatives_initiative_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # One execute() each: Django would split a plain string at the semicolons inside function bodies.
        migrations.RunSQL([FORWARD], [BACKWARD]),
    ]
