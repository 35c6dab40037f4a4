"""PostgreSQL indexes that keep the public search fast at 100,000 initiatives.

Every facet count and the result count start from "the published initiatives";
a partial index on their ids, carrying the columns facets group by, lets
PostgreSQL read that set from a few megabytes of index instead of scanning the
whole table (titles, descriptions and search vectors included). A second
partial index serves the default order (newest first), so the first page of an
unfiltered search reads 20 index entries instead of sorting every row.
"""

from django.db import migrations

FORWARD = """
CREATE INDEX IF NOT EXISTS initiatives_initiative_published_facets ON initiatives_initiative (id)
  INCLUDE (kind, status, start_date, lead_organization_id) WHERE editorial_state = 'published';
CREATE INDEX IF NOT EXISTS initiatives_initiative_published_newest ON initiatives_initiative
  (start_date DESC NULLS LAST, title, id) WHERE editorial_state = 'published';
"""

BACKWARD = """
DROP INDEX IF EXISTS initiatives_initiative_published_newest;
DROP INDEX IF EXISTS initiatives_initiative_published_facets;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_initiative_search_vector"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
