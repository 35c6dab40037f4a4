"""Text search: PostgreSQL full text with ranking and snippets, and an index of Japanese pieces.

Every register keeps four columns by triggers (see its migrations): ``search_vector`` (its own text, weighted:
own title A, down to long text), ``search_links`` (a token per row it links to: a country, an organization ...,
at the weight its names carry), ``search_ja`` (its own Japanese text, folded) and ``search_grams`` (the one- and
two-character pieces of ``search_ja``). The linked rows' names are in one small table, ``search_name``
(techdiplo_search 0006), kept by a trigger on each named table: a query word found in a name finds the records
holding its token, so a rename changes no record. Index and query go through the same SQL functions
(techdiplo_search 0004): ``search_text_normal`` (NFKC, lower case, katakana as hiragana, British spellings the
American way) and ``search_text_fold``.

- English: the query is read with ``websearch_to_tsquery`` (quoted phrases, ``OR``, ``-exclusion``); its last
  word also matches as a prefix (``cyber`` finds cybersecurity), so results appear while a word is typed. Each
  word may be in the record's own text or in a name it links to ("climate Vietnam"); a record found only by
  its links ranks by their tokens' weight, below any found by its own title.
- Japanese has no spaces, so a word inside a title is no token: each Japanese word of the query must be in
  ``search_ja``, found through the GIN index of ``search_grams`` (one character: itself; longer: its
  two-character pieces), whatever the query's length, or in a linked name. It is ranked by where the word is:
  the record's own title first, then its own text, then a linked name, and by trigram similarity to the title.
"""

import operator
import re
import unicodedata
from contextlib import contextmanager
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, GeneratedField, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
MIN_PREFIX = 3  # a shorter last word would match too much as a prefix
# Private-use characters mark a highlight: the snippet is escaped first, then they become <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")
_OPERATORS = re.compile(r'["()]|(?:^|\s)-|\bor\b', re.IGNORECASE)  # websearch_to_tsquery's syntax
_EXCLUDED = re.compile(r'(?:^|\s)-("[^"]*"|[^\s"]+)')  # -word, -"a phrase"
_PREFIX_WORD = re.compile(r"(?:^|\s)([A-Za-z0-9]+)$")  # the last word, neither quoted nor excluded
# How much a Japanese word found in the record's own title counts, then in its other own text, then in a
# linked name (as ts_rank weighs the title A, the summary B and linked names C), plus title similarity.
JA_TITLE, JA_OWN, JA_LINKED = 1.0, 0.4, 0.2
# A query matching more linked names than this ranks its records by their own text only (see search_name_any).
LINKED_RANKED = 64


def clean_text(value):
    """A query safe for PostgreSQL: no control characters (it refuses NUL), bounded length."""
    value = _CONTROL.sub(" ", value or "")
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()


def has_non_ascii(text):
    return any(ord(c) > 127 for c in text)


def _sql(function, *args, output_field=None):
    return Func(*args, function=function, output_field=output_field or TextField())


def normal(text):
    return _sql("search_text_normal", Value(text))


def fold(expression):
    return _sql("search_text_fold", expression)


def folded_column(field):
    """A stored generated column holding ``field`` folded, for a register's ``TextSearch.folded_title``: ranking a
    Japanese query reads it rather than folding each ranked record's title twice (about 18 ms for 1,000 records,
    ``translate`` being slow on Japanese text; the ranking query of 共同研究 went from 29 to 16 ms). PostgreSQL
    computes it on every write, so it is never stale; a migration that changes ``search_text_fold`` must rewrite
    the column."""
    return GeneratedField(expression=fold(F(field)), output_field=TextField(), db_persist=True)


def search_query(text):
    """The tsquery of ``text``, its last word also as a prefix."""
    query = SearchQuery(normal(text), search_type="websearch", config=SEARCH_CONFIG)
    match = _PREFIX_WORD.search(text)
    if not match or len(match.group(1)) < MIN_PREFIX or text.count('"') % 2:
        return query
    # Unstemmed ("simple"): a stemmed prefix would overreach (aging -> age:* finds agency, agenda).
    prefix = SearchQuery(Concat(normal(match.group(1)), Value(":*")), search_type="raw", config="simple")
    rest = text[: match.start(1)].strip()
    if rest:
        prefix = SearchQuery(normal(rest), search_type="websearch", config=SEARCH_CONFIG) & prefix
    return query | prefix


def japanese_words(text):
    """The words searched as Japanese: non-ASCII even in NFKC (full-width Ｌａｔｉｎ is English)."""
    return [word for word in text.split() if has_non_ascii(unicodedata.normalize("NFKC", word))]


def _like_pattern(word_sql):
    """SQL of ``%word%`` for LIKE: the word folded, LIKE's wildcards in it escaped."""
    escaped = rf"replace(replace(replace(search_text_fold({word_sql}), '\', '\\'), '%%', '\%%'), '_', '\_')"
    return f"'%%' || {escaped} || '%%'"


class Contains(Func):
    """``haystack`` holds ``word`` folded, as a plain substring."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        haystack, word = (compiler.compile(expression) for expression in self.get_source_expressions())
        return f"{haystack[0]} LIKE {_like_pattern(word[0])}", (*haystack[1], *word[1])


class Linked(Func):
    """The record links to a row (``search_name``, techdiplo_search 0006) whose names match: its ``tsquery``
    (English) or hold ``word`` (``japanese``, as a substring). The record's ``search_links`` holds the row's
    token; ANY over one small query per token, each served by the GIN index on its own (one tsquery OR-ing them
    all would be checked whole for every candidate the index finds)."""

    output_field = BooleanField()

    def __init__(self, query, japanese=False):
        super().__init__(F("search_links"), query)
        self.japanese = japanese

    def as_sql(self, compiler, connection, **extra):
        vector, query = (compiler.compile(expression) for expression in self.get_source_expressions())
        names = f"n.folded LIKE {_like_pattern(query[0])}" if self.japanese else f"n.words @@ {query[0]}"
        tokens = f"SELECT search_name_query(n.token) FROM search_name AS n WHERE {names}"  # noqa: S608 (compiled)
        return f"{vector[0]} @@ ANY(ARRAY({tokens}))", (*vector[1], *query[1])


# The word, folded, is one or two characters, none ASCII or a space: one piece of search_text_grams.
_ONE_PIECE = r"(search_text_fold(%(expressions)s) ~ '^[^[:space:]\x01-\x7f]{1,2}$')"


def japanese_match(word):
    """One Japanese word of the query: in the record's own Japanese text (its pieces in ``search_grams``, the GIN
    index, then in ``search_ja``) or in the names it links to."""
    grams = Func(
        F("search_grams"),
        _sql("search_text_query_grams", Value(word)),
        template="%(expressions)s",
        arg_joiner=" @> ",
        output_field=BooleanField(),
    )
    # A word of one or two characters, all in Japanese text, is one piece: the pieces index answers exactly, and
    # this condition, constant, lets PostgreSQL drop the substring test (which it would make on every record).
    piece = Func(Value(word), template=_ONE_PIECE, output_field=BooleanField())
    own = Q(grams) & (Q(piece) | Q(Contains(F("search_ja"), Value(word))))
    return own | Q(Linked(Value(word), japanese=True))


def english_match(text):
    """``text`` in the record's own text or the names it links to, word by word ("climate Vietnam" finds a
    record about climate partnered with Vietnam; "Kyoto University" one led by it)."""
    query = search_query(text)
    whole = Q(search_vector=query) | Q(Linked(query))
    words = text.split()
    if len(words) < 2 or _OPERATORS.search(text):
        # One word, or quotes, OR and exclusions: the query whole, on one side; an excluded word also excludes
        # the records linked to a name holding it (-Vietnam: none partnered with Vietnam).
        for excluded in _EXCLUDED.findall(text):
            whole &= ~Q(Linked(_websearch(excluded)))
        return whole
    queries = [search_query(word) if number == len(words) else _websearch(word) for number, word in enumerate(words, 1)]
    # At least one word in a linked name (the cheap test first: a record's links are few), then each word.
    each = Q(Linked(reduce(operator.or_, queries)))
    for word_query in queries:
        each &= Q(_no_lexeme(word_query)) | Q(search_vector=word_query) | Q(Linked(word_query))
    return whole | each  # whole too: "Viet Nam" is one word once normalised (vietnam)


def _websearch(text):
    return SearchQuery(normal(text), search_type="websearch", config=SEARCH_CONFIG)


def _no_lexeme(query):
    """A stop word's query ("of"): constant, so PostgreSQL drops the word's condition when planning."""
    return Func(query, template="(numnode(%(expressions)s) = 0)", output_field=BooleanField())


def apply_text(queryset, spec, text):
    """Records matching ``text`` (no ordering, no annotation: the facet counts reuse this)."""
    if not text:
        return queryset
    words = japanese_words(text)
    if not words:
        return queryset.filter(english_match(text))
    # search_ja and the linked names hold all the Japanese text search_vector holds: the Japanese words decide.
    condition = Q()
    for word in words:
        condition &= japanese_match(word)
    others = " ".join(word for word in text.split() if word not in words)
    if others:
        condition &= english_match(others)
    return queryset.filter(condition)


_PLAIN_WORD = re.compile(r"[A-Za-z0-9]+")


def word_bitmap_arguments(text):
    """``(words, japanese, prefix, english)`` for ``search_text_bits`` (techdiplo_search 0011), which finds the
    records of a query of plain words from the words' bitmaps, as ``apply_text`` would: each word, whether it is
    Japanese, whether it is also a prefix (the last English word, if long enough) and the English words as one
    text. None for a query it does not serve (quotes, OR, exclusions, punctuation): ``apply_text`` then."""
    if not text or _OPERATORS.search(text):
        return None
    japanese = set(japanese_words(text))
    words = text.split()
    english = [word for word in words if word not in japanese]
    if not all(_PLAIN_WORD.fullmatch(word) for word in english):
        return None
    flags = [word in japanese for word in words]
    prefix = [False] * len(words)
    last = max((number for number, flag in enumerate(flags) if not flag), default=None)
    if last is not None and len(words[last]) >= MIN_PREFIX:
        prefix[last] = True
    return words, flags, prefix, " ".join(english)


def rank(queryset, spec, text, among=None):
    """Annotate ``rank`` for sort=relevance: ts_rank of the record's own text and of the linked names matching
    the query (by the weight their tokens carry), plus where the Japanese words are found. With ``among`` (a
    query of ids), only those records are ranked; the others rank below them all (-1)."""
    query = search_query(text)
    linked = Func(query, Value(LINKED_RANKED), template="(SELECT search_name_any(%(expressions)s))")
    score = SearchRank(F("search_vector"), query) + Coalesce(SearchRank(F("search_links"), linked), 0.0)
    words = japanese_words(text)
    if words:
        score = score + _japanese_rank(spec, words)
    if among is not None:
        score = Case(When(pk__in=among, then=score), default=Value(-1.0), output_field=FloatField())
    return queryset.annotate(rank=score)


def _japanese_rank(spec, words):
    title, *own = spec.japanese_fields
    folded = F(spec.folded_title) if spec.folded_title else fold(F(title))
    score = Value(0.0, output_field=FloatField())
    for word in words:
        score = score + _where(Contains(folded, Value(word)), JA_TITLE)
        for name in own:
            score = score + _where(Contains(fold(F(name)), Value(word)), JA_OWN)
        linked = Q(Contains(F("search_ja"), Value(word))) | Q(Linked(Value(word), japanese=True))
        score = score + _where(linked, JA_LINKED)
    similarity = _sql("similarity", folded, fold(Value(" ".join(words))))  # a NULL folds to ""
    return score + Cast(similarity, FloatField()) * JA_TITLE


def _where(condition, weight):
    return Func(condition, template=f"(CASE WHEN %(expressions)s THEN {weight} ELSE 0 END)", output_field=FloatField())


@contextmanager
def deferred(*registers):
    """Skip the text index's triggers of this connection inside the block (a bulk load: each link statement
    would index its records again), then index every record of ``registers`` once."""
    with connection.cursor() as cursor:
        cursor.execute("SET techdiplo.text_index = 'deferred'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET techdiplo.text_index")
    for register in registers:
        reindex(register)


def reindex(register):
    """Index every record of ``register`` again (its trigger computes the columns when ``search_vector`` is set),
    then build its words' bitmaps once (``search_lexeme_reindex``, techdiplo_search 0011)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_lexeme_reindex(%s, %s)", [register.name, register.model._meta.db_table])


def headlines(model, spec, pks, text):
    """Highlighted snippets for the given records (the current page only: ts_headline is costly). One query.

    Returns ``{pk: safe HTML}``.
    """
    if not (text and pks):
        return {}
    headline = SearchHeadline(
        spec.headline,
        search_query(text),
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=40,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = model._default_manager.filter(pk__in=pks).annotate(snippet=headline).values_list("pk", "snippet")
    return {pk: _marked(snippet) for pk, snippet in rows if snippet and MARK_START in snippet}


def _marked(snippet):
    return mark_safe(escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308
