"""The initiatives' text index holds a token per linked row instead of its names (techdiplo_search 0006), so
renaming an organization, a country, a framework or a policy area re-indexes no initiative.

``search_vector``: the titles (A), the summary and the kind (B), the description (C) and the tokens of the lead
and partner organizations, partner countries, frameworks and policy areas (D). ``search_ja``: the Japanese
titles and summary, folded (a linked name's Japanese is found through its token). Link changes still index
their initiatives again; renames no longer do.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
SELECT search_text_drop_triggers('initiatives_initiative');
SELECT search_name_watch('directory_organization', ARRAY['name', 'acronym', 'name_ja']);
SELECT search_name_watch('directory_country', ARRAY['name', 'alt_names', 'name_ja']);
SELECT search_name_watch('initiatives_framework', ARRAY['name', 'name_ja']);
SELECT search_name_watch('directory_policyarea', ARRAY['name', 'name_ja']);
CREATE OR REPLACE FUNCTION initiatives_initiative_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.title, NEW.title_ja))), 'A') ||
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.summary, replace(NEW.kind, '_', ' ')))), 'B') ||
    setweight(to_tsvector('english', search_text_normal(NEW.description)), 'C');
  NEW.search_links := search_name_tokens(ARRAY(
      SELECT search_name_token('directory_organization', NEW.lead_organization_id)
      UNION ALL
      SELECT search_name_token('directory_organization', organization_id)
        FROM initiatives_initiative_partner_organizations WHERE initiative_id = NEW.id
      UNION ALL
      SELECT search_name_token('directory_country', country_id)
        FROM initiatives_initiative_countries WHERE initiative_id = NEW.id
      UNION ALL
      SELECT search_name_token('initiatives_framework', framework_id)
        FROM initiatives_initiative_frameworks WHERE initiative_id = NEW.id
      UNION ALL
      SELECT search_name_token('directory_policyarea', policyarea_id)
        FROM initiatives_initiative_policy_areas WHERE initiative_id = NEW.id
    ), 'D');
  NEW.search_ja := search_text_fold(concat_ws(' ', NEW.title_ja, NEW.summary_ja));
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;
SELECT search_text_watch_links('initiatives_initiative', t, 'initiative_id')
FROM unnest(ARRAY['initiatives_initiative_countries', 'initiatives_initiative_frameworks',
                  'initiatives_initiative_partner_organizations', 'initiatives_initiative_policy_areas']) AS t;
UPDATE initiatives_initiative SET search_vector = NULL;
"""

# 0009's function and triggers (the name tables' triggers stay until techdiplo_search 0006 is reversed: other
# registers may use them).
BACKWARD = """
SELECT search_text_drop_triggers('initiatives_initiative');
"""


def backward_sql():
    from importlib import import_module

    previous = import_module("initiatives.migrations.0009_text_index_linked_names")
    return BACKWARD + previous.FORWARD


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0013_published_at"),
        ("techdiplo_search", "0006_linked_name_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_links",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_links"], name="initiative_links_gin"),
        ),
        migrations.RunSQL([FORWARD], [backward_sql()]),  # one execute() each, not split at every semicolon
    ]
