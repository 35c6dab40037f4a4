"""A text query's matches as a bitmap, found through the text indexes only.

The matches' ids come from the GIN indexes (``search_vector``, ``search_links``, ``search_grams``): a bitmap
index scan tells which rows match without opening their text. The planner, which does not count reading each
row's ``search_vector`` back from TOAST and decompressing it, prefers a sequential scan as soon as a query matches
most rows (``q=research``), and that scan reads every record's text. ``search_text_bitmap`` runs the ids query
(compiled by Django, values inlined by psycopg) with sequential scans off, and JIT off (the disabled scan's cost
would otherwise make every such query compile itself).
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION search_text_bitmap(ids_query text, width integer) RETURNS varbit
LANGUAGE plpgsql STABLE
SET enable_seqscan = off
SET jit = off
AS $$
DECLARE
    ids bigint[];
BEGIN
    EXECUTE 'SELECT ARRAY(' || ids_query || ')' INTO ids;
    RETURN search_bitmap_of(ids, width);
END
$$;
"""

REVERSE = "DROP FUNCTION search_text_bitmap(text, integer);"


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0007_vocabulary_triggers")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
