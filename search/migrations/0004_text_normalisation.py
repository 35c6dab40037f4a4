"""What the text search indexes and asks is normalised by the same SQL functions on both sides.

- ``search_text_fold(text)``: NFKC (full-width letters and digits, half-width katakana become their usual
  forms), lower case, katakana folded to hiragana (so ベトナム and べとなむ match; kanji readings are not
  folded) and without the middle dot (ベルモント・フォーラム is also written ベルモントフォーラム).
- ``search_text_normal(text)``: folded, then British spellings written the American way (ageing → aging,
  programme → program, organisation → organization, centre → center, co-operation → cooperation, ...), so
  either spelling in a record or a query finds the other; the English stemmer does not join these (it stems
  organisation to "organis"). Before lower case, U.S., U.S.A. and US (capitals: "us" is a word) become USA,
  and Viet Nam becomes Vietnam.
- ``search_text_grams(text)``: the one- and two-character pieces of its runs of non-ASCII characters
  (Japanese has no spaces, so a word inside a title is no token): a GIN index over them serves Japanese
  queries of any length, including one or two characters, which trigrams cannot.
- ``search_text_query_grams(word)``: the pieces a Japanese query word needs: each run itself when one
  character long, otherwise its two-character pieces.
- ``search_text_deferred()``: whether this session defers the text index (``techdiplo.text_index`` set to
  ``deferred`` by ``search.text.deferred``, around a bulk load): every trigger below, and each register's own,
  then does nothing, and the load indexes each record once at the end.

And the statement triggers that keep a register's text index current when what it names changes, written
once with the register's table as an argument (each register's migration says which tables):

- ``search_text_links_changed(register table, record column)`` on a link table (initiative × country): the
  records of the inserted or deleted rows are indexed again;
- ``search_text_names_changed(register table, watched columns, records query)`` on a table whose names a
  record's index holds (a country, an organization): when an UPDATE changes a watched column, the records the
  query finds for the changed rows (``$1``: their ids) are indexed again, in the same transaction.

A record is indexed again by setting its ``search_vector`` to NULL: its own BEFORE UPDATE trigger computes
every indexed column from the current rows. ``search_text_watch_links`` and ``search_text_watch_names`` create
those triggers (named ``text_<register table>_<n>``), ``search_text_drop_triggers(register table)`` drops them.
"""

from django.db import migrations

KATAKANA = "".join(chr(c) for c in range(0x30A1, 0x30F7))  # ァ … ヶ
HIRAGANA = "".join(chr(c) for c in range(0x3041, 0x3097))  # ぁ … ゖ

# (pattern, replacement) applied in order to lower-case text; \m and \M are PostgreSQL's word boundaries. Few
# patterns, each an alternation: PostgreSQL caches 32 compiled regular expressions per session, and a longer
# list would be compiled again on every call.
BRITISH_TO_AMERICAN = [
    (r"\mviet nam\M", "vietnam"),
    (r"\mco-(operat|ordinat)", r"co\1"),
    (r"\mageing\M", "aging"),
    (r"\mprogramme(s?)\M", r"program\1"),
    (r"\m(cent|met|fib|theat)re(s?)\M", r"\1er\2"),
    (r"\m(col|lab|behavi|harb|neighb|hum|fav)our", r"\1or"),
    (r"\m(defen|licen|offen)ce\M", r"\1se"),
    (r"\m(catalog|analog)ue(s?)\M", r"\1\2"),
    (r"\m(travel|model|label|cancel)l(ed|er|ers|ing)\M", r"\1\2"),
    (r"\m(anal|catal|paral)ys(e|ed|es|ing)\M", r"\1yz\2"),
    (
        r"\m(organ|special|real|global|util|mobil|priorit|digital|industrial|modern|standard|local|capital|"
        r"character|minim|maxim|optim|recogn|summar|subsid|harmon|author|central|commercial|internal)"
        r"is(e|ed|es|er|ers|ing|ation|ations)\M",
        r"\1iz\2",
    ),
]


def _variants_sql():
    expression = "value"
    for pattern, replacement in BRITISH_TO_AMERICAN:
        expression = f"regexp_replace({expression}, E'{_escaped(pattern)}', E'{_escaped(replacement)}', 'g')"
    return expression


def _escaped(text):
    return text.replace("\\", "\\\\").replace("'", "\\'")


FORWARD = rf"""
CREATE FUNCTION search_text_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- Each step only where it can change something: translate() and normalize() are slow on long text.
    SELECT CASE WHEN v ~ '[ァ-ヶ・]' THEN translate(v, '{KATAKANA}・', '{HIRAGANA}') ELSE v END
    FROM lower(CASE WHEN value ~ '[^\x01-\x7f]' THEN normalize(value, NFKC) ELSE coalesce(value, '') END) AS v
$$;

CREATE FUNCTION search_text_variants(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT {_variants_sql()}
$$;

CREATE FUNCTION search_text_normal(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT search_text_variants(search_text_fold(
        regexp_replace(CASE WHEN value ~ '[^\x01-\x7f]' THEN normalize(value, NFKC) ELSE value END,
                       '\mU\.S\.(A\.)?|\mUSA?\M', 'USA', 'g')
    ))
$$;

CREATE FUNCTION search_text_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(r[1], i, n)), '{{}}')
    FROM regexp_matches(search_text_fold(value), '([^[:space:]\x01-\x7f]+)', 'g') AS r,
         generate_series(1, char_length(r[1])) AS i,
         (VALUES (1), (2)) AS k (n)
    WHERE i + n - 1 <= char_length(r[1])
$$;

CREATE FUNCTION search_text_query_grams(word text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{{}}') FROM (
        SELECT CASE WHEN char_length(r[1]) = 1 THEN r[1] ELSE substr(r[1], i, 2) END AS g
        FROM regexp_matches(search_text_fold(word), '([^[:space:]\x01-\x7f]+)', 'g') AS r,
             generate_series(1, greatest(char_length(r[1]) - 1, 1)) AS i
    ) AS pieces
$$;

CREATE FUNCTION search_text_deferred() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('techdiplo.text_index', true), '') = 'deferred'
$$;

-- Arguments: the register's table, the link table's column holding the record's id.
CREATE FUNCTION search_text_links_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF search_text_deferred() THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'UPDATE %I SET search_vector = NULL WHERE id IN (SELECT %I FROM %s)', TG_ARGV[0], TG_ARGV[1],
        CASE TG_OP WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows'
                   ELSE format('new_rows UNION SELECT %I FROM old_rows', TG_ARGV[1]) END
    );
    RETURN NULL;
END
$$;

-- Arguments: the register's table, the watched columns, the query of the records that name rows $1.
CREATE FUNCTION search_text_names_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed bigint[];
BEGIN
    IF search_text_deferred() THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'SELECT array_agg(n.id) FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE %s',
        search_bitmap_changed_columns(TG_ARGV[1])
    ) INTO changed;
    IF changed IS NOT NULL THEN
        EXECUTE format('UPDATE %I SET search_vector = NULL WHERE id IN (%s)', TG_ARGV[0], TG_ARGV[2]) USING changed;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION search_text_trigger_name(register_table text) RETURNS text
LANGUAGE sql AS $$
    SELECT format('text_%s_%s', register_table, count(*) + 1) FROM pg_trigger
    WHERE tgname LIKE 'text\_' || register_table || '\_%'
$$;

-- The records of rows of `link_table` (column `record_column`) inserted, deleted or updated are indexed again.
CREATE FUNCTION search_text_watch_links(register_table text, link_table text, record_column text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    event text;
BEGIN
    FOREACH event IN ARRAY ARRAY['INSERT', 'DELETE', 'UPDATE'] LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT '
            'EXECUTE FUNCTION search_text_links_changed(%L, %L)',
            search_text_trigger_name(register_table), event, link_table,
            CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                       ELSE 'NEW TABLE AS new_rows OLD TABLE AS old_rows' END,
            register_table, record_column
        );
    END LOOP;
END
$$;

-- When an UPDATE of `name_table` changes one of `columns`, the records `query` finds ($1: the rows' ids).
CREATE FUNCTION search_text_watch_names(register_table text, name_table text, columns text, query text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION search_text_names_changed(%L, %L, %L)',
        search_text_trigger_name(register_table), name_table, register_table, columns, query
    );
END
$$;

CREATE FUNCTION search_text_drop_triggers(register_table text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT tgname, tgrelid::regclass AS tab FROM pg_trigger WHERE tgname LIKE 'text\_' || register_table || '\_%'
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tab);
    END LOOP;
END
$$;
"""  # noqa: S608 (built from this module's constants only)

BACKWARD = """
DROP FUNCTION IF EXISTS search_text_deferred();
DROP FUNCTION IF EXISTS search_text_drop_triggers(text);
DROP FUNCTION IF EXISTS search_text_watch_names(text, text, text, text);
DROP FUNCTION IF EXISTS search_text_watch_links(text, text, text);
DROP FUNCTION IF EXISTS search_text_trigger_name(text);
DROP FUNCTION IF EXISTS search_text_names_changed();
DROP FUNCTION IF EXISTS search_text_links_changed();
DROP FUNCTION IF EXISTS search_text_query_grams(text);
DROP FUNCTION IF EXISTS search_text_grams(text);
DROP FUNCTION IF EXISTS search_text_normal(text);
DROP FUNCTION IF EXISTS search_text_variants(text);
DROP FUNCTION IF EXISTS search_text_fold(text);
"""


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0003_generic_triggers")]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
