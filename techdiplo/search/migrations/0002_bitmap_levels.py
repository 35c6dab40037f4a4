"""``search_bitmap_levels(maps)``: element k of the result holds the records set in at least k of ``maps``.

"The initiatives sharing the most policy areas and frameworks with this one" is then
one bitmap per level of overlap, read most-shared first (``bitmaps.most_shared``),
instead of a count over every initiative that shares any of them.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION search_bitmap_levels(maps varbit[]) RETURNS varbit[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    levels varbit[] := '{}';
    map varbit;
    n integer := 0;
BEGIN
    FOREACH map IN ARRAY maps LOOP
        n := n + 1;
        levels[n] := map # map;  -- a new, empty level
        FOR k IN REVERSE n..2 LOOP
            levels[k] := levels[k] | (levels[k - 1] & map);
        END LOOP;
        levels[1] := levels[1] | map;
    END LOOP;
    RETURN levels;
END
$$;
"""

BACKWARD = "DROP FUNCTION IF EXISTS search_bitmap_levels(varbit[])"


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0001_facet_bitmaps")]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]
