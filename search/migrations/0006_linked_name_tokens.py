"""Linked names by token: a record's text index holds a stable token per row it links to, so a rename costs nothing.

A country linked to tens of thousands of records would otherwise re-index each of them when renamed. Instead:

- ``search_name``: one row per named row a register links to (a country, an organization, a framework ...):
  ``token`` (``<table>:<id>``, never a word a query can produce: the parser splits at ``:`` and ``_``),
  ``words`` (every name of the row, normalised as the query is, ``search_text_normal``) and ``folded`` (the
  same names folded, where a Japanese word is looked for as a substring). A row trigger on each name table
  keeps it current (``search_name_watch``): a rename updates one row here and no record.
- A record's ``search_vector`` holds its own text and the tokens of the rows it links to
  (``search_name_tokens``, at the weight the names had), and ``search_ja`` its own Japanese text.
- A query word finds a record by its own text or by a token of a name holding the word
  (``search.text``: ``search_vector @@ ANY(ARRAY(SELECT search_name_query(token) ...))``, one small index scan
  per matching name; a single tsquery OR-ing hundreds of tokens would be checked whole for every candidate).
  A record found by a linked name ranks by the weight its token carries (``search_name_any``).
"""

from django.db import migrations

FORWARD = """
CREATE TABLE search_name (
    token text PRIMARY KEY,
    words tsvector NOT NULL,
    folded text NOT NULL
);
CREATE INDEX search_name_words ON search_name USING gin (words);

CREATE FUNCTION search_name_token(name_table text, id bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT name_table || ':' || id
$$;

-- The tsquery finding the records holding `token`.
CREATE FUNCTION search_name_query(token text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ('''' || token || '''')::tsquery
$$;

-- For ranking: the tokens of the rows whose names match `q`, OR-ed; NULL past `most` rows (ts_rank would sort
-- that many items for every record found: a word most names hold, "research", ranks nothing by its links).
CREATE FUNCTION search_name_any(q tsquery, most integer) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN count(*) <= most THEN string_agg(search_name_query(token)::text, ' | ')::tsquery END
    FROM search_name WHERE words @@ q
$$;

-- The tokens of a record's linked rows, at `weight` (one position each: a weight needs a position).
CREATE FUNCTION search_name_tokens(tokens text[], weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(DISTINCT '''' || t || ''':1' || weight::text, ' ')::tsvector, ''::tsvector)
    FROM unnest(tokens) AS t WHERE t IS NOT NULL
$$;

-- The names of a row (as JSON) held in `columns`, in one text.
CREATE FUNCTION search_name_text(name_row jsonb, columns text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(value, ' ' ORDER BY key), '') FROM jsonb_each_text(name_row) WHERE key = ANY(columns)
$$;

-- Arguments: the columns holding the row's names.
CREATE FUNCTION search_name_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    names text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM search_name WHERE starts_with(token, TG_TABLE_NAME || ':');
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM search_name WHERE token = search_name_token(TG_TABLE_NAME, OLD.id);
        RETURN NULL;
    END IF;
    names := search_name_text(to_jsonb(NEW), TG_ARGV);
    INSERT INTO search_name (token, words, folded)
    VALUES (search_name_token(TG_TABLE_NAME, NEW.id), to_tsvector('english', search_text_normal(names)),
            search_text_fold(names))
    ON CONFLICT (token) DO UPDATE SET words = EXCLUDED.words, folded = EXCLUDED.folded;
    RETURN NULL;
END
$$;

-- Keep `name_table`'s rows (their names in `columns`) in search_name. Several registers may watch one table.
CREATE FUNCTION search_name_watch(name_table text, columns text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'CREATE OR REPLACE TRIGGER search_name AFTER INSERT OR DELETE OR UPDATE OF %s ON %I '
        'FOR EACH ROW EXECUTE FUNCTION search_name_changed(%s)',
        (SELECT string_agg(quote_ident(c), ', ') FROM unnest(columns) AS c), name_table,
        (SELECT string_agg(quote_literal(c), ', ') FROM unnest(columns) AS c)
    );
    EXECUTE format(
        'CREATE OR REPLACE TRIGGER search_name_truncate AFTER TRUNCATE ON %I '
        'FOR EACH STATEMENT EXECUTE FUNCTION search_name_changed()', name_table
    );
    EXECUTE format(
        'INSERT INTO search_name (token, words, folded) '
        'SELECT search_name_token(%L, n.id), to_tsvector(''english'', search_text_normal(n.names)), '
        '       search_text_fold(n.names) '
        'FROM (SELECT id, search_name_text(to_jsonb(t), %L) AS names FROM %I AS t) AS n '
        'ON CONFLICT (token) DO UPDATE SET words = EXCLUDED.words, folded = EXCLUDED.folded',
        name_table, columns, name_table
    );
END
$$;
"""  # noqa: S608 (no user input: table and column names from migrations)

BACKWARD = """
DROP FUNCTION IF EXISTS search_name_watch(text, text[]);
DROP FUNCTION IF EXISTS search_name_changed() CASCADE;
DROP FUNCTION IF EXISTS search_name_text(jsonb, text[]);
DROP FUNCTION IF EXISTS search_name_any(tsquery, integer);
DROP FUNCTION IF EXISTS search_name_tokens(text[], "char");
DROP FUNCTION IF EXISTS search_name_query(text);
DROP FUNCTION IF EXISTS search_name_token(text, bigint);
DROP TABLE IF EXISTS search_name;
"""


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0005_search_words")]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
