"""PostgreSQL indexes that keep the public search of researchers fast at 50,000 records.

Facet counts and the result count start from "the public researchers"
(published and consenting); a partial index on their ids, carrying the columns
facets group by, lets PostgreSQL read that set from the index instead of the
whole table. A second one serves the default order (by name).
"""

from django.db import migrations

FORWARD = """
CREATE INDEX IF NOT EXISTS people_researcher_public_facets ON people_researcher (id)
  INCLUDE (career_stage, english_level, country_id, affiliation_id)
  WHERE editorial_state = 'published' AND consent_to_publish;
CREATE INDEX IF NOT EXISTS people_researcher_public_by_name ON people_researcher (family_name, given_name, id)
  WHERE editorial_state = 'published' AND consent_to_publish;
"""

BACKWARD = """
DROP INDEX IF EXISTS people_researcher_public_by_name;
DROP INDEX IF EXISTS people_researcher_public_facets;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_researcher_search_vector"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
