"""The agreements' text index as every register's: normalised as the query is (techdiplo_search 0004), with the
country's names linked, and the folded Japanese text with its one- and two-character pieces."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

FORWARD = """
CREATE OR REPLACE FUNCTION fourth_register_agreement_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  linked text;
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  SELECT concat_ws(' ', c.name, c.alt_names, c.name_ja) INTO linked FROM directory_country c WHERE c.id = NEW.country_id;
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.title, NEW.title_ja))), 'A') ||
    setweight(to_tsvector('english', search_text_normal(linked)), 'C');
  NEW.search_ja := search_text_fold(concat_ws(' ', NEW.title_ja, linked));
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;
SELECT search_text_watch_names('fourth_register_agreement', 'directory_country', 'name,name_ja,alt_names',
  'SELECT id FROM fourth_register_agreement WHERE country_id = ANY($1)');
UPDATE fourth_register_agreement SET search_vector = NULL;
"""

BACKWARD = """
SELECT search_text_drop_triggers('fourth_register_agreement');
CREATE OR REPLACE FUNCTION fourth_register_agreement_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_ja, '')), 'A');
  RETURN NEW;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("fourth_register", "0003_agreements_facet_bitmaps"),
        ("directory", "0003_country_alt_names"),
        ("techdiplo_search", "0004_text_normalisation"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="search_ja",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="agreement",
            name="search_grams",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(), blank=True, editable=False, null=True, size=None
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_grams"], name="agreement_grams_gin"),
        ),
        migrations.RunSQL([FORWARD], [BACKWARD]),  # one execute() each, not split at every semicolon
    ]
