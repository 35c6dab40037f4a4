"""Renaming an organization reaches its researchers' search vectors at once, in the same statement.

A researcher's ``search_vector`` holds its affiliation's name, Japanese name and acronym
(0002_researcher_search_vector). When one of them changes, however it changes (a save, a
bulk ``update()``, raw SQL, an import), this trigger rewrites the organization's
researchers so that their own trigger computes the vector again.
"""

from django.db import migrations

FORWARD = """
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
"""

BACKWARD = """
DROP TRIGGER IF EXISTS directory_organization_researcher_search_vector ON directory_organization;
DROP FUNCTION IF EXISTS people_researcher_affiliation_renamed();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_facet_bitmaps"),
        ("directory", "0002_reference_data"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
