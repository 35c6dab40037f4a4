"""The statement triggers every register's bitmaps use, written once, with the register and its tables as
arguments (which tables, columns and queries: ``search/sql.py`` generates them from a register's declaration).

- ``search_bitmap_rows_changed(register, owner column, watched columns)``: on a register's own table and on
  the tables of rows that belong to a record (a many-to-many link, an exchange): the records of the rows a
  statement inserted or deleted, or whose watched columns it changed (both the old and the new record of a
  row moved from one to another).
- ``search_bitmap_related_changed(register, watched columns, records query)``: on a table the facets read
  through a relation (an organization's sector, a country's region): the records the query finds for the rows
  whose watched columns an UPDATE changed (``$1``: their ids).
- ``search_bitmap_drop_triggers(register)``: drops a register's triggers (``facets_<register>_<event>``),
  wherever they are, so that a register's next bitmap migration starts from none.

Both trigger functions end in ``search_bitmap_changed`` (0001), which skips the refresh while a bulk load has
deferred it.
"""

from django.db import migrations

FORWARD = r"""
-- "(n.a, n.b) IS DISTINCT FROM (o.a, o.b)" for the comma-separated columns `columns`: a row whose values changed.
CREATE FUNCTION search_bitmap_changed_columns(columns text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT format('(%s) IS DISTINCT FROM (%s)', string_agg(format('n.%I', c), ', '), string_agg(format('o.%I', c), ', '))
    FROM unnest(string_to_array(columns, ',')) AS c
$$;

-- Arguments: the register, the column holding the record's id (`id` on its own table), the watched columns.
CREATE FUNCTION search_bitmap_rows_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(%I) FROM new_rows', TG_ARGV[1]) INTO ids;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(%I) FROM old_rows', TG_ARGV[1]) INTO ids;
    ELSE
        EXECUTE format(
            'SELECT array_agg(v.record) FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id, '
            'LATERAL (VALUES (n.%1$I), (o.%1$I)) AS v (record) WHERE %2$s',
            TG_ARGV[1], search_bitmap_changed_columns(TG_ARGV[2])
        ) INTO ids;
    END IF;
    PERFORM search_bitmap_changed(TG_ARGV[0], ids);
    RETURN NULL;
END
$$;

-- Arguments: the register, the watched columns, the query of the records that read rows $1.
CREATE FUNCTION search_bitmap_related_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint[];
    ids bigint[];
BEGIN
    EXECUTE format(
        'SELECT array_agg(n.id) FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE %s',
        search_bitmap_changed_columns(TG_ARGV[1])
    ) INTO changed;
    IF changed IS NOT NULL THEN
        EXECUTE 'SELECT array_agg(r.id) FROM (' || TG_ARGV[2] || ') AS r (id)' INTO ids USING changed;
        PERFORM search_bitmap_changed(TG_ARGV[0], ids);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION search_bitmap_drop_triggers(reg text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT tgname, tgrelid::regclass AS tab FROM pg_trigger
        WHERE tgname IN ('facets_' || reg || '_insert', 'facets_' || reg || '_update',
                         'facets_' || reg || '_delete', 'facets_' || reg || '_truncate')
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tab);
    END LOOP;
END
$$;
"""

BACKWARD = r"""
DROP FUNCTION IF EXISTS search_bitmap_drop_triggers(text);
DROP FUNCTION IF EXISTS search_bitmap_related_changed();
DROP FUNCTION IF EXISTS search_bitmap_rows_changed();
DROP FUNCTION IF EXISTS search_bitmap_changed_columns(text);
"""


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0002_bitmap_levels")]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
