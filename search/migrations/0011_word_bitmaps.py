"""A bitmap of the records holding each frequent word, so a broad text query costs no more than a facet.

The GIN indexes find a word's records quickly, but a word most records hold (``research``, ``国``) still means
reading every one of those rows for its id and turning tens of thousands of ids into a bitmap: most of such a
search's time. ``search_lexeme`` is a register's vocabulary: every word its text index holds, by kind
(``v``: a lexeme of ``search_vector``, ``l``: a linked row's token in ``search_links``, ``g``: a one- or
two-character Japanese piece in ``search_grams``), with the number of records holding it (drafts included: the
search ANDs the published records' bitmap in) and, for a word held by at least ``search_lexeme_frequent()``
records, the bitmap of those records, as wide as the register's facet bitmaps or wider.

- ``search_lexeme_changed()``: a statement trigger on each register's table (``search_lexeme_watch``): the
  words a statement added to or took from its records change their counts and bitmaps, in the same
  transaction, under the register's facet-bitmap lock; a word becoming frequent gets its bitmap from the GIN
  index, one falling below half the threshold loses it. A session that sets ``techdiplo.lexeme_index`` to
  ``deferred`` (``search_lexeme_reindex``, which then rebuilds) or defers the text index (a bulk load, which
  re-indexes at its end) skips it.
- ``search_lexeme_rebuild(register, table)``: the vocabulary from scratch. ``search_lexeme_watch(register,
  table)`` creates the triggers and builds it (a register's migration calls it; ``search_lexeme_unwatch`` undoes
  it); a register without it is searched through its GIN indexes only.
- ``search_text_bits(...)``: the bitmap of the records matching a query's words, each word's records being the
  OR of its frequent words' bitmaps and of the rare words' records from the GIN index. It serves a query of
  plain words (``search.text.word_bitmap_arguments`` says which), with the same meaning ``search.text`` gives
  it: each English word in the record's own text (its lexeme, the last word also as a prefix) or in a name the
  record links to; each Japanese word of one or two characters among its pieces or in a linked name. Any other
  query, or a word that turns out not to be one lexeme, runs the ids query (``search_text_bitmap``).

The threshold is read from ``techdiplo.frequent_word`` (a session may lower it: the tests do), 64 records by
default: a bitmap costs a few microseconds to OR in, about what a few records found through the GIN index cost
(each one's row is read), and a query word may reach hundreds of linked names ("science") each holding a few
hundred records.
"""

from django.db import migrations

FORWARD = r"""
CREATE TABLE search_lexeme (
    register text NOT NULL,
    kind "char" NOT NULL,
    word text COLLATE "C" NOT NULL,
    records integer NOT NULL,
    bits varbit,
    PRIMARY KEY (register, kind, word)
);
-- Out of line and uncompressed: a record's edit sets a bit in each of its frequent words' bitmaps, and
-- compressing and decompressing each of them cost a new record about twice as much (about 50 MB at 100,000 records).
ALTER TABLE search_lexeme ALTER COLUMN bits SET STORAGE EXTERNAL;

CREATE FUNCTION search_lexeme_frequent() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('techdiplo.frequent_word', true), '')::integer, 64)
$$;

-- `bits` made exactly `width` wide: zeros added, or bits past the end dropped.
CREATE FUNCTION search_bits_fit(bits varbit, width integer) RETURNS varbit
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN length(bits) = width THEN bits
                WHEN length(bits) < width THEN bits || repeat('0', width - length(bits))::varbit
                ELSE substring(bits FROM 1 FOR width) END
$$;

-- `bits` (made `width` wide) with the bits of `ids` set to `value`.
CREATE FUNCTION search_bits_with(bits varbit, ids bigint[], value integer, width integer) RETURNS varbit
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    id bigint;
BEGIN
    bits := search_bits_fit(bits, width);
    IF ids IS NULL THEN
        RETURN bits;
    ELSIF cardinality(ids) > 64 THEN
        RETURN CASE WHEN value = 1 THEN bits | search_bitmap_of(ids, width) ELSE bits & ~search_bitmap_of(ids, width) END;
    END IF;
    FOREACH id IN ARRAY ids LOOP
        bits := set_bit(bits, id::integer, value);
    END LOOP;
    RETURN bits;
END
$$;

-- The words a record's text index holds, by kind.
CREATE FUNCTION search_lexeme_words(vector tsvector, links tsvector, grams text[]) RETURNS TABLE (kind "char", word text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'v'::"char", w FROM unnest(tsvector_to_array(vector)) AS w
    UNION ALL SELECT 'l'::"char", w FROM unnest(tsvector_to_array(links)) AS w
    UNION ALL SELECT DISTINCT 'g'::"char", w FROM unnest(grams) AS w
$$;

-- The tsquery of one lexeme, as it is (no parsing, no stemming).
CREATE FUNCTION search_lexeme_query(word text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ('''' || replace(replace(word, '\', '\\'), '''', '''''') || '''')::tsquery
$$;

-- The bitmap (`width` wide) of the records of `tbl` holding the words `words` of kind `kind`, from its GIN index
-- (the ids query run as a text query's is, search_text_bitmap of techdiplo_search 0008).
CREATE FUNCTION search_lexeme_records(tbl text, kind "char", words text[], width integer) RETURNS varbit
LANGUAGE sql STABLE AS $$
    SELECT search_text_bitmap(CASE
        WHEN kind = 'g' THEN format('SELECT id FROM %I WHERE search_grams && %L::text[]', tbl, words)
        ELSE format('SELECT id FROM %I WHERE %I @@ ANY(%L::tsquery[])', tbl,
                    CASE WHEN kind = 'v' THEN 'search_vector' ELSE 'search_links' END,
                    ARRAY(SELECT search_lexeme_query(w) FROM unnest(words) AS w))
    END, width)
$$;

-- Apply the changes (record, kind, word, +1 or -1) of one statement to register `reg`'s vocabulary.
CREATE FUNCTION search_lexeme_apply(reg text, tbl text, ids bigint[], kinds "char"[], words text[], signs integer[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    width integer;
    frequent integer := search_lexeme_frequent();
    promoted record;
BEGIN
    IF ids IS NULL THEN
        RETURN;
    END IF;
    -- The facet bitmaps' lock: one writer per register at a time for both, so two transactions never hold one
    -- each while waiting for the other's.
    PERFORM pg_advisory_xact_lock(hashtext('search_facet_bitmap:' || reg));
    width := ((SELECT max(x) FROM unnest(ids) AS x) / 65536 + 1) * 65536;
    WITH delta AS (
        SELECT d.kind, d.word, sum(d.sign)::integer AS delta,
               array_agg(d.id) FILTER (WHERE d.sign > 0) AS added, array_agg(d.id) FILTER (WHERE d.sign < 0) AS removed
        FROM unnest(ids, kinds, words, signs) AS d (id, kind, word, sign)
        GROUP BY d.kind, d.word
    ), changed AS (
        UPDATE search_lexeme AS x
        SET records = x.records + d.delta,
            bits = CASE WHEN x.bits IS NULL THEN NULL ELSE search_bits_with(
                       search_bits_with(x.bits, d.added, 1, greatest(length(x.bits), width)),
                       d.removed, 0, greatest(length(x.bits), width)) END
        FROM delta AS d
        WHERE x.register = reg AND x.kind = d.kind AND x.word = d.word
        RETURNING x.kind, x.word
    )
    INSERT INTO search_lexeme (register, kind, word, records)
    SELECT reg, d.kind, d.word, d.delta FROM delta AS d
    WHERE d.delta > 0 AND NOT EXISTS (SELECT FROM changed AS c WHERE c.kind = d.kind AND c.word = d.word);
    -- The words this statement touched: gone, no longer frequent (below half the threshold), newly frequent.
    DELETE FROM search_lexeme AS x
    WHERE x.register = reg AND x.records <= 0 AND (x.kind, x.word) IN (SELECT * FROM unnest(kinds, words));
    UPDATE search_lexeme AS x SET bits = NULL
    WHERE x.register = reg AND x.bits IS NOT NULL AND x.records < frequent / 2
      AND (x.kind, x.word) IN (SELECT * FROM unnest(kinds, words));
    EXECUTE format('SELECT (coalesce(max(id), 0) / 65536 + 1) * 65536 FROM %I', tbl) INTO width;
    FOR promoted IN
        SELECT x.kind, x.word FROM search_lexeme AS x
        WHERE x.register = reg AND x.bits IS NULL AND x.records >= frequent
          AND (x.kind, x.word) IN (SELECT * FROM unnest(kinds, words))
    LOOP
        UPDATE search_lexeme AS x SET bits = search_lexeme_records(tbl, promoted.kind, ARRAY[promoted.word], width)
        WHERE x.register = reg AND x.kind = promoted.kind AND x.word = promoted.word;
    END LOOP;
END
$$;

CREATE FUNCTION search_lexeme_deferred() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT search_text_deferred() OR coalesce(current_setting('techdiplo.lexeme_index', true), '') = 'deferred'
$$;

-- Trigger argument: the register. On INSERT, UPDATE and DELETE of its table, with transition tables.
CREATE FUNCTION search_lexeme_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
    kinds "char"[];
    words text[];
    signs integer[];
BEGIN
    IF search_lexeme_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.id), array_agg(w.kind), array_agg(w.word), array_agg(1) INTO ids, kinds, words, signs
        FROM new_rows AS n, search_lexeme_words(n.search_vector, n.search_links, n.search_grams) AS w;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.id), array_agg(w.kind), array_agg(w.word), array_agg(-1) INTO ids, kinds, words, signs
        FROM old_rows AS o, search_lexeme_words(o.search_vector, o.search_links, o.search_grams) AS w;
    ELSE
        WITH changed AS (
            SELECT o.id, o.search_vector AS ov, o.search_links AS ol, o.search_grams AS og,
                   n.search_vector AS nv, n.search_links AS nl, n.search_grams AS ng
            FROM old_rows AS o JOIN new_rows AS n USING (id)
            WHERE o.search_vector IS DISTINCT FROM n.search_vector OR o.search_links IS DISTINCT FROM n.search_links
               OR o.search_grams IS DISTINCT FROM n.search_grams
        ), signed AS (
            SELECT c.id, w.kind, w.word, -1 AS sign FROM changed AS c, search_lexeme_words(c.ov, c.ol, c.og) AS w
            UNION ALL
            SELECT c.id, w.kind, w.word, 1 FROM changed AS c, search_lexeme_words(c.nv, c.nl, c.ng) AS w
        ), net AS (
            SELECT id, kind, word, sum(sign)::integer AS sign FROM signed GROUP BY id, kind, word HAVING sum(sign) <> 0
        )
        SELECT array_agg(id), array_agg(kind), array_agg(word), array_agg(sign) INTO ids, kinds, words, signs FROM net;
    END IF;
    PERFORM search_lexeme_apply(TG_ARGV[0], TG_TABLE_NAME, ids, kinds, words, signs);
    RETURN NULL;
END
$$;

CREATE FUNCTION search_lexeme_rebuild(reg text, tbl text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    width integer;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('search_facet_bitmap:' || reg));
    DELETE FROM search_lexeme WHERE register = reg;
    -- Kind '*': the register's vocabulary is kept (search_text_bits serves no register without it).
    INSERT INTO search_lexeme (register, kind, word, records) VALUES (reg, '*', '', 0);
    EXECUTE format('SELECT (coalesce(max(id), 0) / 65536 + 1) * 65536 FROM %I', tbl) INTO width;
    EXECUTE format(
        'INSERT INTO search_lexeme (register, kind, word, records, bits) '
        'SELECT $1, w.kind, w.word, count(*), '
        '       CASE WHEN count(*) >= $2 THEN search_bitmap_of(array_agg(t.id), $3) END '
        'FROM %I AS t, search_lexeme_words(t.search_vector, t.search_links, t.search_grams) AS w '
        'GROUP BY w.kind, w.word', tbl
    ) USING reg, search_lexeme_frequent(), width;
END
$$;

-- Index every record of `tbl` again (its own trigger computes the columns when search_vector is set to NULL),
-- then its vocabulary once, rather than through the statement trigger; an error undoes the setting too.
CREATE FUNCTION search_lexeme_reindex(reg text, tbl text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('techdiplo.lexeme_index', 'deferred', false);
    EXECUTE format('UPDATE %I SET search_vector = NULL', tbl);
    PERFORM set_config('techdiplo.lexeme_index', '', false);
    PERFORM search_lexeme_rebuild(reg, tbl);
END
$$;

-- TRUNCATE has no transition table. Trigger argument: the register.
CREATE FUNCTION search_lexeme_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_lexeme_rebuild(TG_ARGV[0], TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE FUNCTION search_lexeme_watch(reg text, tbl text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER lexemes_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION search_lexeme_changed(%L)', tbl, reg);
    EXECUTE format('CREATE TRIGGER lexemes_update AFTER UPDATE ON %I '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION search_lexeme_changed(%L)', tbl, reg);
    EXECUTE format('CREATE TRIGGER lexemes_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION search_lexeme_changed(%L)', tbl, reg);
    EXECUTE format('CREATE TRIGGER lexemes_truncate AFTER TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION search_lexeme_truncated(%L)', tbl, reg);
    PERFORM search_lexeme_rebuild(reg, tbl);
END
$$;

CREATE FUNCTION search_lexeme_unwatch(reg text, tbl text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TRIGGER IF EXISTS lexemes_insert ON %I', tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS lexemes_update ON %I', tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS lexemes_delete ON %I', tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS lexemes_truncate ON %I', tbl);
    DELETE FROM search_lexeme WHERE register = reg;
END
$$;

-- The OR of the bitmaps (`width` wide) of register `reg`'s words `words` of kind `kind`: stored for the frequent
-- ones, from `tbl`'s GIN index for the others.
CREATE FUNCTION search_lexeme_bits(reg text, tbl text, kind "char", words text[], width integer) RETURNS varbit
LANGUAGE plpgsql STABLE AS $$
DECLARE
    stored varbit;
    rare text[];
BEGIN
    SELECT bit_or(search_bits_fit(x.bits, width)), array_agg(x.word) FILTER (WHERE x.bits IS NULL)
      INTO stored, rare
    FROM search_lexeme AS x WHERE x.register = reg AND x.kind = search_lexeme_bits.kind AND x.word = ANY(words);
    stored := coalesce(stored, repeat('0', width)::varbit);
    IF rare IS NOT NULL THEN
        stored := stored | search_lexeme_records(tbl, kind, rare, width);
    END IF;
    RETURN stored;
END
$$;

-- The bitmap (`width` wide) of the records of register `reg` (table `tbl`) matching the query words `words`
-- (`japanese`: a Japanese word; `prefix`: an English word also matched as a prefix; `english`: the English
-- words as one text), or, when a word is not what this serves, of the records `ids_query` finds.
CREATE FUNCTION search_text_bits(reg text, tbl text, words text[], japanese boolean[], prefix boolean[],
                                 english text, ids_query text, width integer) RETURNS varbit
LANGUAGE plpgsql STABLE AS $$
DECLARE
    result varbit := NULL;
    matched varbit;
    i integer;
    normal text;
    lexemes text[];
    starts text;
    query tsquery;
    piece text;
    names text[];
    own text[];
BEGIN
    IF words IS NULL OR NOT EXISTS (SELECT FROM search_lexeme WHERE register = reg AND kind = '*')
       OR (english <> '' AND search_text_normal(english) IS DISTINCT FROM
            (SELECT string_agg(search_text_normal(w), ' ' ORDER BY n) FROM unnest(words, japanese) WITH ORDINALITY
             AS u (w, j, n) WHERE NOT j)) THEN
        RETURN search_text_bitmap(ids_query, width);  -- a normalisation joined words ("Viet Nam")
    END IF;
    FOR i IN 1 .. cardinality(words) LOOP
        IF japanese[i] THEN
            piece := search_text_fold(words[i]);
            IF piece !~ '^[^[:space:]\x01-\x7f]{1,2}$' THEN
                RETURN search_text_bitmap(ids_query, width);
            END IF;
            own := ARRAY[piece];
            names := ARRAY(
                SELECT n.token FROM search_name AS n
                WHERE n.folded LIKE '%' || replace(replace(replace(piece, '\', '\\'), '%', '\%'), '_', '\_') || '%'
            );
            matched := search_lexeme_bits(reg, tbl, 'g', own, width);
        ELSE
            normal := search_text_normal(words[i]);
            lexemes := tsvector_to_array(to_tsvector('english', normal));
            query := websearch_to_tsquery('english', normal);
            -- A word of several lexemes, or a stop word (which the query's own rules make optional, or a prefix
            -- only): the ids query.
            IF cardinality(lexemes) <> 1 OR numnode(query) <> 1 THEN
                RETURN search_text_bitmap(ids_query, width);
            END IF;
            own := lexemes;
            IF prefix[i] THEN
                lexemes := tsvector_to_array(to_tsvector('simple', normal));  -- unstemmed, as the prefix is
                IF cardinality(lexemes) <> 1 THEN
                    RETURN search_text_bitmap(ids_query, width);
                END IF;
                starts := lexemes[1];
                query := query || to_tsquery('simple', normal || ':*');
                own := own || ARRAY(
                    SELECT x.word FROM search_lexeme AS x
                    WHERE x.register = reg AND x.kind = 'v' AND x.word >= starts AND x.word < starts || chr(1114111)
                      AND starts_with(x.word, starts)
                );
            END IF;
            names := ARRAY(SELECT n.token FROM search_name AS n WHERE n.words @@ query);
            matched := search_lexeme_bits(reg, tbl, 'v', own, width);
        END IF;
        IF cardinality(names) > 0 THEN
            matched := matched | search_lexeme_bits(reg, tbl, 'l', names, width);
        END IF;
        result := CASE WHEN result IS NULL THEN matched ELSE result & matched END;
    END LOOP;
    RETURN coalesce(result, search_text_bitmap(ids_query, width));
END
$$;

SELECT search_lexeme_watch('initiatives', 'initiatives_initiative');
SELECT search_lexeme_watch('researchers', 'people_researcher');
SELECT search_lexeme_watch('partnerships', 'partnerships_subnationalpartnership');
"""

REVERSE = r"""
SELECT search_lexeme_unwatch('initiatives', 'initiatives_initiative');
SELECT search_lexeme_unwatch('researchers', 'people_researcher');
SELECT search_lexeme_unwatch('partnerships', 'partnerships_subnationalpartnership');
DROP FUNCTION IF EXISTS search_text_bits(text, text, text[], boolean[], boolean[], text, text, integer);
DROP FUNCTION IF EXISTS search_lexeme_bits(text, text, "char", text[], integer);
DROP FUNCTION IF EXISTS search_lexeme_watch(text, text);
DROP FUNCTION IF EXISTS search_lexeme_unwatch(text, text);
DROP FUNCTION IF EXISTS search_lexeme_truncated();
DROP FUNCTION IF EXISTS search_lexeme_reindex(text, text);
DROP FUNCTION IF EXISTS search_lexeme_rebuild(text, text);
DROP FUNCTION IF EXISTS search_lexeme_changed();
DROP FUNCTION IF EXISTS search_lexeme_deferred();
DROP FUNCTION IF EXISTS search_lexeme_apply(text, text, bigint[], "char"[], text[], integer[]);
DROP FUNCTION IF EXISTS search_lexeme_records(text, "char", text[], integer);
DROP FUNCTION IF EXISTS search_lexeme_query(text);
DROP FUNCTION IF EXISTS search_lexeme_words(tsvector, tsvector, text[]);
DROP FUNCTION IF EXISTS search_bits_with(varbit, bigint[], integer, integer);
DROP FUNCTION IF EXISTS search_bits_fit(varbit, integer);
DROP FUNCTION IF EXISTS search_lexeme_frequent();
DROP TABLE IF EXISTS search_lexeme;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("techdiplo_search", "0010_bitmap_ids"),
        ("initiatives", "0023_suggestion_prefix_indexes"),
        ("people", "0023_suggestion_prefix_indexes"),
        ("partnerships", "0020_published_pairs_index"),
    ]

    operations = [migrations.RunSQL([FORWARD], [REVERSE])]  # one execute() each, not split at every semicolon
