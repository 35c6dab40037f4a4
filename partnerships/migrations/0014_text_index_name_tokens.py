"""The partnerships' text index holds a token per linked country and focus area instead of their names
(techdiplo_search 0006), so renaming a country or a policy area re-indexes no partnership.

``search_vector``: both localities' and their parents' names (A: the title, the partnership's own text), the
kind (B), the description (C) and the tokens of the localities' countries and of the focus areas (D).
``search_ja``: the localities' names and the Japanese description, folded. A locality renamed or moved still
indexes its partnerships again (a few records: its own and its children's); a focus area added or removed too.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
SELECT search_text_drop_triggers('partnerships_subnationalpartnership');
SELECT search_name_watch('directory_country', ARRAY['name', 'alt_names', 'name_ja']);
SELECT search_name_watch('directory_policyarea', ARRAY['name', 'name_ja']);
CREATE OR REPLACE FUNCTION partnerships_subnationalpartnership_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  own text;
  countries text[];
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  SELECT string_agg(concat_ws(' ', l.name, l.name_ja, p.name, p.name_ja), ' '),
         array_agg(search_name_token('directory_country', l.country_id))
    INTO own, countries
    FROM directory_locality l
    LEFT JOIN directory_locality p ON p.id = l.parent_id
   WHERE l.id IN (NEW.japanese_locality_id, NEW.foreign_locality_id);
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(own)), 'A') ||
    setweight(to_tsvector('english', search_text_normal(replace(NEW.kind, '_', ' '))), 'B') ||
    setweight(to_tsvector('english', search_text_normal(NEW.description)), 'C');
  NEW.search_links := search_name_tokens(countries || ARRAY(
      SELECT search_name_token('directory_policyarea', policyarea_id)
        FROM partnerships_subnationalpartnership_focus_areas WHERE subnationalpartnership_id = NEW.id
    ), 'D');
  NEW.search_ja := search_text_fold(concat_ws(' ', own, NEW.description_ja));
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
UPDATE partnerships_subnationalpartnership SET search_vector = NULL;
"""

# 0009's function and triggers (the name tables' triggers stay until techdiplo_search 0006 is reversed: other
# registers may use them).
BACKWARD = """
SELECT search_text_drop_triggers('partnerships_subnationalpartnership');
"""


def backward_sql():
    from importlib import import_module

    previous = import_module("partnerships.migrations.0009_text_index_linked_names")
    return BACKWARD + previous.FORWARD


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0013_published_at"),
        ("techdiplo_search", "0006_linked_name_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="subnationalpartnership",
            name="search_links",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="subnationalpartnership",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_links"], name="partnership_links_gin"),
        ),
        migrations.RunSQL([FORWARD], [backward_sql()]),  # one execute() each, not split at every semicolon
    ]
