"""An editor's "not a duplicate" (``DuplicatePair.dismissed``): the page leaves the pair out, and a rebuild keeps it.

The rebuild function of 0002 again, keeping dismissed pairs whose records both still exist (frozen SQL; the
reverse puts 0002's back).
"""

from django.db import migrations, models

REBUILD = r"""
CREATE OR REPLACE FUNCTION editorial_duplicates_rebuild(this_kind text, source regclass, keys text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    key text;
BEGIN
    -- An editor's "not a duplicate" stays, unless one of its records is gone.
    DELETE FROM editorial_duplicatepair WHERE kind = this_kind AND NOT dismissed;
    EXECUTE format(
        'DELETE FROM editorial_duplicatepair p WHERE p.kind = $1 AND ('
        'NOT EXISTS (SELECT FROM %1$s r WHERE r.id = p.first_id) OR NOT EXISTS (SELECT FROM %1$s r WHERE r.id = p.second_id))',
        source
    ) USING this_kind;
    FOREACH key IN ARRAY keys LOOP
        EXECUTE format(
            'CREATE TEMP TABLE editorial_names ON COMMIT DROP AS '
            'SELECT %1$s AS name, array_agg(id ORDER BY id) AS ids FROM %2$s WHERE %1$s <> '''' GROUP BY 1',
            key, source
        );
        EXECUTE
            'INSERT INTO editorial_duplicatepair (kind, first_id, second_id, similarity) '
            'SELECT $1, ids[i], ids[i + 1], 1 FROM editorial_names, generate_subscripts(ids, 1) AS i '
            'WHERE i < cardinality(ids) '
            'ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = 1'
        USING this_kind;
        -- A wide signature: the default (12 bytes) says little about long names, and the probes read most of it.
        EXECUTE 'CREATE INDEX ON editorial_names USING gist (name gist_trgm_ops(siglen = 256))';
        EXECUTE 'ANALYZE editorial_names';
        EXECUTE
            'INSERT INTO editorial_duplicatepair AS d (kind, first_id, second_id, similarity) '
            'SELECT $1, least(a.ids[1], n.first), greatest(a.ids[1], n.first), max(n.similarity) '
            'FROM editorial_names a CROSS JOIN LATERAL ('
            '    SELECT b.ids[1] AS first, 1 - (b.name <-> a.name) AS similarity FROM editorial_names b '
            '    WHERE b.name <> a.name ORDER BY b.name <-> a.name LIMIT 3'
            ') n WHERE n.similarity >= 0.5 GROUP BY 2, 3 '
            'ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = greatest(d.similarity, EXCLUDED.similarity)'
        USING this_kind;
        DROP TABLE editorial_names;
    END LOOP;
END
$$;

"""

REBUILD_BEFORE = r"""
CREATE OR REPLACE FUNCTION editorial_duplicates_rebuild(this_kind text, source regclass, keys text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    key text;
BEGIN
    DELETE FROM editorial_duplicatepair WHERE kind = this_kind;
    FOREACH key IN ARRAY keys LOOP
        EXECUTE format(
            'CREATE TEMP TABLE editorial_names ON COMMIT DROP AS '
            'SELECT %1$s AS name, array_agg(id ORDER BY id) AS ids FROM %2$s WHERE %1$s <> '''' GROUP BY 1',
            key, source
        );
        EXECUTE
            'INSERT INTO editorial_duplicatepair (kind, first_id, second_id, similarity) '
            'SELECT $1, ids[i], ids[i + 1], 1 FROM editorial_names, generate_subscripts(ids, 1) AS i '
            'WHERE i < cardinality(ids) '
            'ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = 1'
        USING this_kind;
        -- A wide signature: the default (12 bytes) says little about long names, and the probes read most of it.
        EXECUTE 'CREATE INDEX ON editorial_names USING gist (name gist_trgm_ops(siglen = 256))';
        EXECUTE 'ANALYZE editorial_names';
        EXECUTE
            'INSERT INTO editorial_duplicatepair AS d (kind, first_id, second_id, similarity) '
            'SELECT $1, least(a.ids[1], n.first), greatest(a.ids[1], n.first), max(n.similarity) '
            'FROM editorial_names a CROSS JOIN LATERAL ('
            '    SELECT b.ids[1] AS first, 1 - (b.name <-> a.name) AS similarity FROM editorial_names b '
            '    WHERE b.name <> a.name ORDER BY b.name <-> a.name LIMIT 3'
            ') n WHERE n.similarity >= 0.5 GROUP BY 2, 3 '
            'ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = greatest(d.similarity, EXCLUDED.similarity)'
        USING this_kind;
        DROP TABLE editorial_names;
    END LOOP;
END
$$;

"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_duplicate_pairs"),
    ]

    operations = [
        migrations.AddField(
            model_name="duplicatepair",
            name="dismissed",
            field=models.BooleanField(default=False, db_default=False),
        ),
        migrations.RunSQL(REBUILD, REBUILD_BEFORE),
    ]
