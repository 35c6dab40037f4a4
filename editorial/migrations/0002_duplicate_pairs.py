"""Likely duplicates kept in a table (``DuplicatePair``) by row triggers, in the same transaction as the records.

This migration adds the table and the two functions every kind shares; each register's migration adds, on its
table, a function that pairs one record with its nearest names (``<table>_duplicates(record)``: one trigram
GiST KNN probe per name, ``ORDER BY key <-> the record's key LIMIT 3``), a trigger calling
``editorial_duplicates_changed`` and fills the table once with ``editorial_duplicates_rebuild``. The SQL is
frozen here; ``editorial/duplicates.py`` says what it promises.
"""

from django.db import migrations, models

FUNCTIONS = r"""
-- A row trigger (AFTER INSERT, UPDATE of the names, DELETE). TG_ARGV: the kind ("app.model") and the
-- table's pairing function. A renamed or deleted record loses its pairs; an inserted or renamed one is paired
-- with its nearest names; a partner left without any pair is paired again (its next-nearest name may be one).
CREATE OR REPLACE FUNCTION editorial_duplicates_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    this_kind text := TG_ARGV[0];
    partners bigint[];
BEGIN
    IF current_setting('techdiplo.duplicates', true) = 'deferred' THEN
        RETURN NULL;  -- a bulk load: editorial_duplicates_rebuild runs once at its end
    END IF;
    IF TG_OP <> 'INSERT' THEN
        WITH gone AS (
            DELETE FROM editorial_duplicatepair p
            WHERE p.kind = this_kind AND (p.first_id = OLD.id OR p.second_id = OLD.id)
            RETURNING CASE WHEN p.first_id = OLD.id THEN p.second_id ELSE p.first_id END AS partner
        )
        SELECT array_agg(partner) INTO partners FROM gone;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        EXECUTE format('SELECT %s($1)', TG_ARGV[1]) USING NEW;
    END IF;
    IF partners IS NOT NULL THEN
        EXECUTE format(
            'SELECT %s(t) FROM %I t WHERE t.id = ANY($1) AND NOT EXISTS (SELECT FROM editorial_duplicatepair p '
            'WHERE p.kind = $2 AND (p.first_id = t.id OR p.second_id = t.id))',
            TG_ARGV[1], TG_TABLE_NAME
        ) USING partners, this_kind;
    END IF;
    RETURN NULL;
END
$$;

-- Every pair of one kind, from scratch, set-based (a probe per record would take minutes at 100,000): for each
-- name (keys: SQL expressions over "source"), the records that share it exactly, each with the next (a chain,
-- not every pair: a common name has hundreds), and the name's three nearest other names with a similarity of
-- 0.5 or more, between the first (oldest) records of each.
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

REVERSE = """
DROP FUNCTION IF EXISTS editorial_duplicates_changed();
DROP FUNCTION IF EXISTS editorial_duplicates_rebuild(text, regclass, text[]);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_published_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="DuplicatePair",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=100)),
                ("first_id", models.BigIntegerField()),
                ("second_id", models.BigIntegerField()),
                ("similarity", models.FloatField()),
            ],
            options={
                "indexes": [
                    models.Index(fields=["kind", "second_id"], name="duplicate_pair_second"),
                    models.Index(fields=["kind", "-similarity", "first_id", "second_id"], name="duplicate_pair_ranked"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "first_id", "second_id"), name="duplicate_pair_unique"),
                    models.CheckConstraint(
                        condition=models.Q(("first_id__lt", models.F("second_id"))), name="duplicate_pair_order"
                    ),
                ],
            },
        ),
        migrations.RunSQL(FUNCTIONS, REVERSE),
    ]
