"""Japanese words of three and four characters get bitmaps too.

0011 gave a bitmap to each frequent word of a register's text index, but a Japanese query word of three characters
or more (共同研究) was still found through the pieces' GIN index: its two-character pieces narrow the records
down, then each one's ``search_ja`` is read to test the word itself. At 100,000 records that is 11,594 rows on
9,494 pages, about 45 ms of a page's time.

The vocabulary now also holds kind ``'j'``: every piece of three and four characters of a record's ``search_ja``
(within a run of Japanese text, as ``search_text_grams`` cuts its pieces of one and two). A query word of three
or four characters is one such piece, so ``search_text_bits`` finds it as it finds a word of one or two: the
frequent ones' stored bitmaps, the rare ones' records from the GIN index (its pieces, then the word in
``search_ja``). A longer word still runs the ids query.

The functions that change are 0011's with a few lines replaced (``_edited``), so this file shows exactly what
changed, and going back restores 0011's text.
"""

from importlib import import_module

from django.db import migrations

PREVIOUS = import_module("search.migrations.0011_word_bitmaps").FORWARD


def _function(name):
    """0011's ``CREATE FUNCTION name(...)`` statement, as ``CREATE OR REPLACE``."""
    start = PREVIOUS.index(f"CREATE FUNCTION {name}(")
    end = PREVIOUS.index("\n$$;\n", start) + len("\n$$;\n")
    return "CREATE OR REPLACE" + PREVIOUS[start + len("CREATE") : end]


def _edited(name, *replacements):
    text = _function(name)
    for old, new in replacements:
        assert text.count(old) >= 1, (name, old)  # noqa: S101 (0011's text is fixed: a typo here must not pass)
        text = text.replace(old, new)
    return text


CHANGED = ("search_lexeme_records", "search_lexeme_changed", "search_lexeme_rebuild", "search_text_bits")

NEW_FUNCTIONS = r"""
-- The distinct pieces of three and four characters of runs of Japanese text (no space, no ASCII) in `ja`, which is
-- folded already (search_ja).
CREATE FUNCTION search_text_long_pieces(ja text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(r[1], i, n)), '{}')
    FROM regexp_matches(ja, '([^[:space:]\x01-\x7f]{3,})', 'g') AS r,
         generate_series(1, char_length(r[1]) - 2) AS i,
         (VALUES (3), (4)) AS k (n)
    WHERE i + n - 1 <= char_length(r[1])
$$;

CREATE FUNCTION search_lexeme_words(vector tsvector, links tsvector, grams text[], ja text)
RETURNS TABLE (kind "char", word text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w.kind, w.word FROM search_lexeme_words(vector, links, grams) AS w
    UNION ALL SELECT 'j'::"char", p FROM unnest(search_text_long_pieces(ja)) AS p
$$;
"""

# A rare piece of three or four characters: its records' pieces, then the piece itself in their text (no LIKE
# wildcard to escape: the piece has no ASCII).
RARE_LONG_PIECES = """        WHEN kind = 'j' THEN format('SELECT id FROM %I WHERE %s', tbl, (
            SELECT string_agg(format('(search_grams @> search_text_query_grams(%L) AND search_ja LIKE %L)',
                                     w, '%' || w || '%'), ' OR ')
            FROM unnest(words) AS w))
"""

EDITED = [
    _edited(
        "search_lexeme_records", ("        WHEN kind = 'g' THEN", RARE_LONG_PIECES + "        WHEN kind = 'g' THEN")
    ),
    _edited(
        "search_lexeme_changed",
        ("n.search_grams) AS w", "n.search_grams, n.search_ja) AS w"),
        ("o.search_grams) AS w", "o.search_grams, o.search_ja) AS w"),
        ("o.search_grams AS og,", "o.search_grams AS og, o.search_ja AS oj,"),
        ("n.search_grams AS ng", "n.search_grams AS ng, n.search_ja AS nj"),
        (
            "OR o.search_grams IS DISTINCT FROM n.search_grams",
            "OR o.search_grams IS DISTINCT FROM n.search_grams OR o.search_ja IS DISTINCT FROM n.search_ja",
        ),
        ("(c.ov, c.ol, c.og)", "(c.ov, c.ol, c.og, c.oj)"),
        ("(c.nv, c.nl, c.ng)", "(c.nv, c.nl, c.ng, c.nj)"),
    ),
    _edited("search_lexeme_rebuild", ("t.search_grams) AS w", "t.search_grams, t.search_ja) AS w")),
    _edited(
        "search_text_bits",
        (r"IF piece !~ '^[^[:space:]\x01-\x7f]{1,2}$' THEN", r"IF piece !~ '^[^[:space:]\x01-\x7f]{1,4}$' THEN"),
        (
            "matched := search_lexeme_bits(reg, tbl, 'g', own, width);",
            "matched := search_lexeme_bits(\n"
            "                reg, tbl, CASE WHEN char_length(piece) <= 2 THEN 'g' ELSE 'j' END::\"char\", own, width);",
        ),
    ),
]

# Every watched register's vocabulary again, now with its long pieces (the fourth register of the tests too: the
# registers are found by their triggers).
REBUILD = r"""
SELECT search_lexeme_rebuild(
    convert_from(substring(t.tgargs FROM 1 FOR position('\x00'::bytea IN t.tgargs) - 1), 'UTF8'), c.relname
)
FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
WHERE t.tgname = 'lexemes_insert';
"""

FORWARD = "\n".join([NEW_FUNCTIONS, *EDITED, REBUILD])

REVERSE = (
    "\n".join(_function(name) for name in CHANGED)
    + """
DELETE FROM search_lexeme WHERE kind = 'j';
DROP FUNCTION search_lexeme_words(tsvector, tsvector, text[], text);
DROP FUNCTION search_text_long_pieces(text);
"""
)


class Migration(migrations.Migration):
    dependencies = [("techdiplo_search", "0011_word_bitmaps")]

    operations = [migrations.RunSQL([FORWARD], [REVERSE])]  # one execute() each, not split at every semicolon
