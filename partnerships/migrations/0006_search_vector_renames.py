"""Renaming a locality or a country reaches the partnerships' search vectors at once, in the same statement.

A partnership's ``search_vector`` holds both localities' names (English and Japanese), their
parents' names and their countries' names (0003_subnationalpartnership_search_vector). When one
of them changes, however it changes (a save, a bulk ``update()``, raw SQL, an import), these
triggers rewrite the partnerships concerned so that their own trigger computes the vector again:
a locality's as either side or as the parent of either side, a country's through its localities.
"""

from django.db import migrations

FORWARD = """
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
"""

BACKWARD = """
DROP TRIGGER IF EXISTS directory_country_partnership_search_vector ON directory_country;
DROP FUNCTION IF EXISTS partnerships_country_renamed();
DROP TRIGGER IF EXISTS directory_locality_partnership_search_vector ON directory_locality;
DROP FUNCTION IF EXISTS partnerships_locality_renamed();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_facet_bitmaps"),
        ("directory", "0002_reference_data"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
