"""``search_bitmap_ids(bits)``: the ids of a bitmap's set bits, in order, reading only its non-zero 64-bit words.

A level of "the records sharing the most values with this one" (``bitmaps.most_shared``) may hold a handful of
records among tens of thousands: walking the order's index until a handful of them turn up reads the whole
index. Such a level's few records are read by id instead, then sorted.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION search_bitmap_ids(bits varbit) RETURNS SETOF bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w.i * 64 + b.j
    FROM generate_series(0, (length(bits) + 63) / 64 - 1) AS w(i)
    CROSS JOIN LATERAL (SELECT substring(bits FROM w.i * 64 + 1 FOR 64) AS word) AS s
    CROSS JOIN LATERAL generate_series(0, length(s.word) - 1) AS b(j)
    WHERE bit_count(s.word) > 0 AND get_bit(s.word, b.j) = 1
    ORDER BY 1
$$;
"""

REVERSE = "DROP FUNCTION search_bitmap_ids(varbit);"


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0009_bitmap_counts")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
