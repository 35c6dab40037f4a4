"""Each facet bitmap carries its own count, ``records``: the number of published records holding the value.

A search with no condition but a facet's own selection (the register's first page, or a facet's counts when it
is the only one selected) counts each value over every published record: ``bit_count(value & everything)`` is
then ``bit_count(value)``, because a value's bitmap holds published records only. Computing that bit count for
each of several hundred values means reading and decompressing each bitmap; a stored generated column computes
it once, when the bitmap is written, and a search reads the small number instead (``search.bitmaps.count``).
"""

from django.db import migrations

FORWARD = "ALTER TABLE search_facet_bitmap ADD COLUMN records bigint GENERATED ALWAYS AS (bit_count(bits)) STORED"
REVERSE = "ALTER TABLE search_facet_bitmap DROP COLUMN records"


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0008_text_matches_from_indexes")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
