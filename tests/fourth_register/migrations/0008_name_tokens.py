"""The agreements' text index holds the country's token instead of its names (techdiplo_search 0006), as every
register's: renaming the country re-indexes no agreement."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
SELECT search_text_drop_triggers('fourth_register_agreement');
SELECT search_name_watch('directory_country', ARRAY['name', 'alt_names', 'name_ja']);
CREATE OR REPLACE FUNCTION fourth_register_agreement_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF search_text_deferred() THEN  -- a bulk load indexes every record once, at its end
    RETURN NEW;
  END IF;
  NEW.search_vector :=
    setweight(to_tsvector('english', search_text_normal(concat_ws(' ', NEW.title, NEW.title_ja))), 'A');
  NEW.search_links := search_name_tokens(ARRAY[search_name_token('directory_country', NEW.country_id)], 'C');
  NEW.search_ja := search_text_fold(NEW.title_ja);
  NEW.search_grams := search_text_grams(NEW.search_ja);
  RETURN NEW;
END $$;
UPDATE fourth_register_agreement SET search_vector = NULL;
"""


def backward_sql():
    from importlib import import_module

    return import_module("tests.fourth_register.migrations.0004_japanese_index").FORWARD


class Migration(migrations.Migration):
    dependencies = [
        ("fourth_register", "0007_published_at"),
        ("techdiplo_search", "0006_linked_name_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="search_links",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_links"], name="agreement_links_gin"),
        ),
        migrations.RunSQL([FORWARD], [backward_sql()]),  # one execute() each, not split at every semicolon
    ]
