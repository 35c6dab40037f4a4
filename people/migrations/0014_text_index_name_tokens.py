"""The researchers' text index holds a token per linked row instead of its names (techdiplo_search 0006), so
renaming an organization, a country or a research field re-indexes no researcher.

``search_vector``: the names (A), the affiliation's token (B), the bio (C), the exchanges' programmes and the
tokens of the researcher's country, research fields, exchanges' host organizations and countries (D); never the
e-mail address. ``search_ja``: the Japanese name and bio, folded (a linked name's Japanese is found through its
token). Link changes (a field, an exchange) still index their researchers again; renames no longer do.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
SELECT search_text_drop_triggers('people_researcher');
SELECT search_name_watch('directory_organization', ARRAY['name', 'acronym', 'name_ja']);
SELECT search_name_watch('directory_country', ARRAY['name', 'alt_names', 'name_ja']);
SELECT search_name_watch('people_researchfield', ARRAY['name', 'name_ja']);
CREATE OR REPLACE FUNCTION people_researcher_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.given_name, NEW.family_name, NEW.name_ja))), 'A') ||
    setweight(to_tsvector('english', search_text_normal(NEW.bio)), 'C') ||
    setweight(to_tsvector('english', search_text_normal(
      (SELECT string_agg(programme, ' ') FROM people_exchange WHERE researcher_id = NEW.id))), 'D');
  NEW.search_links :=
    search_name_tokens(ARRAY[search_name_token('directory_organization', NEW.affiliation_id)], 'B') ||
    search_name_tokens(ARRAY(
      SELECT search_name_token('directory_country', NEW.country_id)
      UNION ALL
      SELECT search_name_token('people_researchfield', researchfield_id)
        FROM people_researcher_fields WHERE researcher_id = NEW.id
      UNION ALL
      SELECT search_name_token('directory_organization', host_organization_id)
        FROM people_exchange WHERE researcher_id = NEW.id
      UNION ALL
      SELECT search_name_token('directory_country', country_id) FROM people_exchange WHERE researcher_id = NEW.id
    ), 'D');
  NEW.search_ja := search_text_fold(concat_ws(' ', NEW.name_ja, NEW.bio_ja));
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;
SELECT search_text_watch_links('people_researcher', 'people_researcher_fields', 'researcher_id');
SELECT search_text_watch_links('people_researcher', 'people_exchange', 'researcher_id');
UPDATE people_researcher SET search_vector = NULL;
"""

# 0009's function and triggers (the name tables' triggers stay until techdiplo_search 0006 is reversed: other
# registers may use them).
BACKWARD = """
SELECT search_text_drop_triggers('people_researcher');
"""


def backward_sql():
    from importlib import import_module

    previous = import_module("people.migrations.0009_text_index_linked_names")
    return BACKWARD + previous.FORWARD


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0013_published_at"),
        ("techdiplo_search", "0006_linked_name_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="researcher",
            name="search_links",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="researcher",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_links"], name="researcher_links_gin"),
        ),
        migrations.RunSQL([FORWARD], [backward_sql()]),  # one execute() each, not split at every semicolon
    ]
