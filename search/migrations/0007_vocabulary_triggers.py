"""The "Did you mean …" vocabulary (``search.models.Word``) is current when an edit commits.

``manage.py search_words`` rebuilds it from scratch; between rebuilds, statement triggers add the words a change
brings, in the same transaction: a record published or retitled adds its title's words to its register's
vocabulary, a facet's name added or renamed adds its words to the registers offering that facet (each register's
migration says which tables, columns and condition: ``search_vocabulary_watch``). Words are only added: a word
left by a record unpublished or renamed is harmless, since a correction is offered only when it finds more
published records than the query did (``search.vocabulary``).

- ``search_vocabulary_words(text)``: the words of a text as ``search.vocabulary.words_of`` cuts them: NFKC,
  lower case, runs of letters and digits, three characters long or two of a script without spaces, no numbers.
- ``search_vocabulary_changed()``: the trigger; arguments: the registers (a text array), the condition a row's
  words count on (SQL over ``{row}``), the SQL of its words' text (over ``n``, the new row) and the columns that
  text is made from (an UPDATE changing none of them, and leaving the condition as it was, adds nothing: a
  bulk re-index costs a join).
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION search_vocabulary_words(value text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT left(w, 200)
    FROM (SELECT (regexp_matches(lower(normalize(value, NFKC)), '\w+', 'g'))[1] AS w) AS m
    WHERE char_length(w) >= CASE WHEN w ~ '[\u2e81-\U0010ffff]' THEN 2 ELSE 3 END AND w !~ '^[0-9]+$'
$$;

CREATE FUNCTION search_vocabulary_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed text;
BEGIN
    IF search_text_deferred() THEN  -- a bulk load: the seeds rebuild the vocabulary at its end
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT format(' AND (%s OR NOT (%s))', string_agg(format('o.%1$I IS DISTINCT FROM n.%1$I', c), ' OR '),
                      replace(TG_ARGV[1], '{row}', 'o'))
          INTO changed FROM unnest(string_to_array(TG_ARGV[3], ',')) AS c;
    END IF;
    EXECUTE format(
        'INSERT INTO techdiplo_search_word (register, word) '
        'SELECT DISTINCT r, w FROM unnest(%L::text[]) AS r, new_rows AS n %s, search_vocabulary_words(%s) AS w '
        'WHERE (%s)%s ON CONFLICT (register, word) DO NOTHING',
        TG_ARGV[0], CASE TG_OP WHEN 'UPDATE' THEN 'JOIN old_rows AS o ON o.id = n.id' ELSE '' END,
        TG_ARGV[2], replace(TG_ARGV[1], '{row}', 'n'), coalesce(changed, '')
    );
    RETURN NULL;
END
$$;

-- Triggers named `name` on `on_table` (inserts and updates) add the words to `registers`' vocabularies.
CREATE FUNCTION search_vocabulary_watch(name text, on_table text, registers text[], condition text, words text,
                                        columns text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION search_vocabulary_changed(%L, %L, %L, %L)',
        name || '_insert', on_table, registers, condition, words, columns
    );
    EXECUTE format(
        'CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION search_vocabulary_changed(%L, %L, %L, %L)',
        name || '_update', on_table, registers, condition, words, columns
    );
END
$$;

-- Drops the triggers `search_vocabulary_watch` made under `name`, on every table.
CREATE FUNCTION search_vocabulary_unwatch(name text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tgname, tgrelid::regclass AS tab FROM pg_trigger WHERE tgname IN (name || '_insert', name || '_update')
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tab);
    END LOOP;
END
$$;
"""

BACKWARD = """
DROP FUNCTION IF EXISTS search_vocabulary_unwatch(text);
DROP FUNCTION IF EXISTS search_vocabulary_watch(text, text, text[], text, text, text);
DROP FUNCTION IF EXISTS search_vocabulary_changed() CASCADE;
DROP FUNCTION IF EXISTS search_vocabulary_words(text);
"""


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0006_linked_name_tokens")]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
