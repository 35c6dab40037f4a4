"""The initiatives' text index holds the names each initiative links to, and a Japanese index of any length.

``search_vector``: the titles (A), the summary and the kind (B: "exchange programme"), the description (C)
and the linked names (D: lead and partner organizations' names and acronyms, partner countries' names and
other names, frameworks, policy areas), each normalised by ``search_text_normal`` (techdiplo_search 0004), as the query is. ``search_ja``: the
Japanese titles, summary and the linked names, folded; ``search_grams``: its one- and two-character pieces.
Triggers keep them current in the same transaction: a link added or removed, a linked name renamed.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

FORWARD = """
CREATE OR REPLACE FUNCTION initiatives_initiative_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  linked text;
  linked_ja text;
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  SELECT string_agg(concat_ws(' ', n.name, n.other), ' '), string_agg(n.name_ja, ' ') INTO linked, linked_ja
  FROM (
    SELECT o.name, o.acronym AS other, o.name_ja FROM directory_organization o
     WHERE o.id = NEW.lead_organization_id
        OR o.id IN (SELECT organization_id FROM initiatives_initiative_partner_organizations WHERE initiative_id = NEW.id)
    UNION ALL
    SELECT c.name, c.alt_names, c.name_ja FROM directory_country c
     WHERE c.id IN (SELECT country_id FROM initiatives_initiative_countries WHERE initiative_id = NEW.id)
    UNION ALL
    SELECT f.name, '', f.name_ja FROM initiatives_framework f
     WHERE f.id IN (SELECT framework_id FROM initiatives_initiative_frameworks WHERE initiative_id = NEW.id)
    UNION ALL
    SELECT a.name, '', a.name_ja FROM directory_policyarea a
     WHERE a.id IN (SELECT policyarea_id FROM initiatives_initiative_policy_areas WHERE initiative_id = NEW.id)
  ) AS n;
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.title, NEW.title_ja))), 'A') ||
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.summary, replace(NEW.kind, '_', ' ')))), 'B') ||
    setweight(to_tsvector('english', search_text_normal(NEW.description)), 'C') ||
    setweight(to_tsvector('english', search_text_normal(linked)), 'D');
  NEW.search_ja := search_text_fold(concat_ws(' ', NEW.title_ja, NEW.summary_ja, linked_ja, linked));
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;

SELECT search_text_watch_links('initiatives_initiative', t, 'initiative_id')
FROM unnest(ARRAY['initiatives_initiative_countries', 'initiatives_initiative_frameworks',
                  'initiatives_initiative_partner_organizations', 'initiatives_initiative_policy_areas']) AS t;
SELECT search_text_watch_names('initiatives_initiative', 'directory_organization', 'name,name_ja,acronym',
  'SELECT id FROM initiatives_initiative WHERE lead_organization_id = ANY($1) UNION '
  'SELECT initiative_id FROM initiatives_initiative_partner_organizations WHERE organization_id = ANY($1)');
SELECT search_text_watch_names('initiatives_initiative', 'directory_country', 'name,name_ja,alt_names',
  'SELECT initiative_id FROM initiatives_initiative_countries WHERE country_id = ANY($1)');
SELECT search_text_watch_names('initiatives_initiative', 'initiatives_framework', 'name,name_ja',
  'SELECT initiative_id FROM initiatives_initiative_frameworks WHERE framework_id = ANY($1)');
SELECT search_text_watch_names('initiatives_initiative', 'directory_policyarea', 'name,name_ja',
  'SELECT initiative_id FROM initiatives_initiative_policy_areas WHERE policyarea_id = ANY($1)');
UPDATE initiatives_initiative SET search_vector = NULL;
"""

# The function as 0002 made it; its triggers go with the index columns.
BACKWARD = """
SELECT search_text_drop_triggers('initiatives_initiative');
CREATE OR REPLACE FUNCTION initiatives_initiative_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_ja, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END $$;
UPDATE initiatives_initiative SET search_vector = NULL;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_country_alt_names"),
        ("initiatives", "0008_indexes_in_models"),
        ("people", "0008_indexes_in_models"),
        ("techdiplo_search", "0004_text_normalisation"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="initiative",
            name="initiative_title_ja_trgm",
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_grams",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(), blank=True, editable=False, null=True, size=None
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_ja",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_grams"], name="initiative_grams_gin"),
        ),
        migrations.RunSQL([FORWARD], [BACKWARD]),  # one execute() each, not split at every semicolon
    ]
