"""The partnerships' text index holds the names each partnership links to, and a Japanese index of any length.

``search_vector``: both localities' and their parents' names (A: the title), the kind (B: "workation
programme"), the description (C), the countries' names with their other names and the focus areas' (D), each normalised by ``search_text_normal`` (techdiplo_search
0004), as the query is. ``search_ja``: the Japanese description and the linked names, folded;
``search_grams``: its one- and two-character pieces. Statement triggers keep them current in the same
transaction (a focus area added or removed, a linked name renamed); they replace 0006's row triggers.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

FORWARD = """
DROP TRIGGER IF EXISTS directory_country_partnership_search_vector ON directory_country;
DROP FUNCTION IF EXISTS partnerships_country_renamed();
DROP TRIGGER IF EXISTS directory_locality_partnership_search_vector ON directory_locality;
DROP FUNCTION IF EXISTS partnerships_locality_renamed();
CREATE OR REPLACE FUNCTION partnerships_subnationalpartnership_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  own text;
  linked text;
  linked_ja text;
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  SELECT string_agg(concat_ws(' ', l.name, l.name_ja, p.name, p.name_ja), ' '),
         string_agg(concat_ws(' ', c.name, c.alt_names), ' '),
         string_agg(c.name_ja, ' ')
    INTO own, linked, linked_ja
    FROM directory_locality l
    JOIN directory_country c ON c.id = l.country_id
    LEFT JOIN directory_locality p ON p.id = l.parent_id
   WHERE l.id IN (NEW.japanese_locality_id, NEW.foreign_locality_id);
  SELECT concat_ws(' ', linked, string_agg(a.name, ' ')), concat_ws(' ', linked_ja, string_agg(a.name_ja, ' '))
    INTO linked, linked_ja
    FROM directory_policyarea a
   WHERE a.id IN (SELECT policyarea_id FROM partnerships_subnationalpartnership_focus_areas
                   WHERE subnationalpartnership_id = NEW.id);
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(own)), 'A') ||
    setweight(to_tsvector('english', search_text_normal(replace(NEW.kind, '_', ' '))), 'B') ||
    setweight(to_tsvector('english', search_text_normal(NEW.description)), 'C') ||
    setweight(to_tsvector('english', search_text_normal(linked)), 'D');
  NEW.search_ja := search_text_fold(concat_ws(' ', own, NEW.description_ja, linked_ja, linked));
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;

SELECT search_text_watch_links('partnerships_subnationalpartnership', 'partnerships_subnationalpartnership_focus_areas',
  'subnationalpartnership_id');
SELECT search_text_watch_names('partnerships_subnationalpartnership', 'directory_locality',
  'name,name_ja,parent_id,country_id',
  'SELECT id FROM partnerships_subnationalpartnership WHERE japanese_locality_id IN ('
  '  SELECT id FROM directory_locality WHERE id = ANY($1) OR parent_id = ANY($1)) UNION '
  'SELECT id FROM partnerships_subnationalpartnership WHERE foreign_locality_id IN ('
  '  SELECT id FROM directory_locality WHERE id = ANY($1) OR parent_id = ANY($1))');
SELECT search_text_watch_names('partnerships_subnationalpartnership', 'directory_country', 'name,name_ja,alt_names',
  'SELECT id FROM partnerships_subnationalpartnership WHERE japanese_locality_id IN ('
  '  SELECT id FROM directory_locality WHERE country_id = ANY($1)) UNION '
  'SELECT id FROM partnerships_subnationalpartnership WHERE foreign_locality_id IN ('
  '  SELECT id FROM directory_locality WHERE country_id = ANY($1))');
SELECT search_text_watch_names('partnerships_subnationalpartnership', 'directory_policyarea', 'name,name_ja',
  'SELECT subnationalpartnership_id FROM partnerships_subnationalpartnership_focus_areas '
  'WHERE policyarea_id = ANY($1)');
UPDATE partnerships_subnationalpartnership SET search_vector = NULL;
"""

# The function and the rename triggers as 0003 and 0006 made them.
BACKWARD = """
SELECT search_text_drop_triggers('partnerships_subnationalpartnership');
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
CREATE FUNCTION partnerships_locality_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE partnerships_subnationalpartnership SET search_vector = NULL
  WHERE japanese_locality_id IN (SELECT id FROM directory_locality WHERE id = NEW.id OR parent_id = NEW.id)
     OR foreign_locality_id IN (SELECT id FROM directory_locality WHERE id = NEW.id OR parent_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER directory_locality_partnership_search_vector
  AFTER UPDATE OF name, name_ja, parent_id, country_id ON directory_locality FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_ja IS DISTINCT FROM NEW.name_ja
        OR OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.country_id IS DISTINCT FROM NEW.country_id)
  EXECUTE FUNCTION partnerships_locality_renamed();
CREATE FUNCTION partnerships_country_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE partnerships_subnationalpartnership SET search_vector = NULL
  WHERE japanese_locality_id IN (SELECT id FROM directory_locality WHERE country_id = NEW.id)
     OR foreign_locality_id IN (SELECT id FROM directory_locality WHERE country_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER directory_country_partnership_search_vector
  AFTER UPDATE OF name ON directory_country FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION partnerships_country_renamed();
UPDATE partnerships_subnationalpartnership SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_country_alt_names"),
        ("partnerships", "0008_indexes_in_models"),
        ("techdiplo_search", "0004_text_normalisation"),
    ]

    operations = [
        migrations.AddField(
            model_name="subnationalpartnership",
            name="search_grams",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(), blank=True, editable=False, null=True, size=None
            ),
        ),
        migrations.AddField(
            model_name="subnationalpartnership",
            name="search_ja",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="subnationalpartnership",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_grams"], name="partnership_grams_gin"),
        ),
        migrations.RunSQL([FORWARD], [BACKWARD]),  # one execute() each, not split at every semicolon
    ]
