"""The researchers' text index holds the names each researcher links to, and a Japanese index of any length.

``search_vector``: the names (A), the affiliation's name, acronym and Japanese name (B), the bio (C) and the other
linked names (D: the researcher's country, research fields, exchanges' host organizations, countries and
programmes), each normalised by ``search_text_normal`` (techdiplo_search 0004), as the query is; never the
e-mail address. ``search_ja``: the Japanese name, bio and the linked names, folded; ``search_grams``: its one-
and two-character pieces. Statement triggers keep them current in the same transaction (a field or exchange
added or removed, a linked name renamed); they replace 0006's row trigger on organizations.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

FORWARD = """
DROP TRIGGER IF EXISTS directory_organization_researcher_search_vector ON directory_organization;
DROP FUNCTION IF EXISTS people_researcher_affiliation_renamed();
CREATE OR REPLACE FUNCTION people_researcher_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affiliation text;
  linked text;
  linked_ja text;
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  SELECT concat_ws(' ', o.name, o.acronym, o.name_ja) INTO affiliation
    FROM directory_organization o WHERE o.id = NEW.affiliation_id;
  SELECT string_agg(concat_ws(' ', n.name, n.other), ' '), string_agg(n.name_ja, ' ') INTO linked, linked_ja
  FROM (
    SELECT c.name, c.alt_names AS other, c.name_ja FROM directory_country c WHERE c.id = NEW.country_id
    UNION ALL
    SELECT f.name, '', f.name_ja FROM people_researchfield f
     WHERE f.id IN (SELECT researchfield_id FROM people_researcher_fields WHERE researcher_id = NEW.id)
    UNION ALL
    SELECT concat_ws(' ', o.name, o.acronym, c.name, c.alt_names), e.programme, concat_ws(' ', o.name_ja, c.name_ja)
      FROM people_exchange e
      JOIN directory_country c ON c.id = e.country_id
      LEFT JOIN directory_organization o ON o.id = e.host_organization_id
     WHERE e.researcher_id = NEW.id
  ) AS n;
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.given_name, NEW.family_name, NEW.name_ja))), 'A') ||
    setweight(to_tsvector('english', search_text_normal(affiliation)), 'B') ||
    setweight(to_tsvector('english', search_text_normal(NEW.bio)), 'C') ||
    setweight(to_tsvector('english', search_text_normal(linked)), 'D');
  NEW.search_ja := search_text_fold(concat_ws(' ', NEW.name_ja, NEW.bio_ja, affiliation, linked_ja, linked));
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;

SELECT search_text_watch_links('people_researcher', 'people_researcher_fields', 'researcher_id');
SELECT search_text_watch_links('people_researcher', 'people_exchange', 'researcher_id');
SELECT search_text_watch_names('people_researcher', 'directory_organization', 'name,name_ja,acronym',
  'SELECT id FROM people_researcher WHERE affiliation_id = ANY($1) UNION '
  'SELECT researcher_id FROM people_exchange WHERE host_organization_id = ANY($1)');
SELECT search_text_watch_names('people_researcher', 'directory_country', 'name,name_ja,alt_names',
  'SELECT id FROM people_researcher WHERE country_id = ANY($1) UNION '
  'SELECT researcher_id FROM people_exchange WHERE country_id = ANY($1)');
SELECT search_text_watch_names('people_researcher', 'people_researchfield', 'name,name_ja',
  'SELECT researcher_id FROM people_researcher_fields WHERE researchfield_id = ANY($1)');
UPDATE people_researcher SET search_vector = NULL;
"""

# The function and the rename trigger as 0002 and 0006 made them.
BACKWARD = """
SELECT search_text_drop_triggers('people_researcher');
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
CREATE FUNCTION people_researcher_affiliation_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people_researcher SET search_vector = NULL WHERE affiliation_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER directory_organization_researcher_search_vector
  AFTER UPDATE OF name, name_ja, acronym ON directory_organization FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_ja IS DISTINCT FROM NEW.name_ja
        OR OLD.acronym IS DISTINCT FROM NEW.acronym)
  EXECUTE FUNCTION people_researcher_affiliation_renamed();
UPDATE people_researcher SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_country_alt_names"),
        ("people", "0008_indexes_in_models"),
        ("techdiplo_search", "0004_text_normalisation"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="researcher",
            name="researcher_name_ja_trgm",
        ),
        migrations.AddField(
            model_name="researcher",
            name="search_grams",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(), blank=True, editable=False, null=True, size=None
            ),
        ),
        migrations.AddField(
            model_name="researcher",
            name="search_ja",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="researcher",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_grams"], name="researcher_grams_gin"),
        ),
        migrations.RunSQL([FORWARD], [BACKWARD]),  # one execute() each, not split at every semicolon
    ]
