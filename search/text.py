"""Text search: PostgreSQL full text with ranking and snippets, and an index of Japanese pieces.

Every register keeps three columns by triggers (see its migrations): ``search_vector`` (its own text and the
names it links to, weighted: own title A, down to linked names and long text), ``search_ja`` (its Japanese
text and linked names, folded) and ``search_grams`` (the one- and two-character pieces of ``search_ja``).
Index and query go through the same SQL functions (techdiplo_search 0004): ``search_text_normal`` (NFKC,
lower case, katakana as hiragana, British spellings the American way) and ``search_text_fold``.

- English: the query is read with ``websearch_to_tsquery`` (quoted phrases, ``OR``, ``-exclusion``); its last
  word also matches as a prefix (``cyber`` finds cybersecurity), so results appear while a word is typed.
- Japanese has no spaces, so a word inside a title is no token: each Japanese word of the query must be in
  ``search_ja``, found through the GIN index of ``search_grams`` (one character: itself; longer: its
  two-character pieces), whatever the query's length. It is ranked by where the word is: the record's own
  title first, then its own text, then a linked name, and by trigram similarity to the title.
"""

import re
import unicodedata
from contextlib import contextmanager

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
MIN_PREFIX = 3  # a shorter last word would match too much as a prefix
# Private-use characters mark a highlight: the snippet is escaped first, then they become <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")
_PREFIX_WORD = re.compile(r"(?:^|\s)([A-Za-z0-9]+)$")  # the last word, neither quoted nor excluded
# How much a Japanese word found in the record's own title counts, then in its other own text, then in a
# linked name (as ts_rank weighs the title A, the summary B and linked names C), plus title similarity.
JA_TITLE, JA_OWN, JA_LINKED = 1.0, 0.4, 0.2


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


class Contains(Func):
    """``haystack`` holds ``word`` folded, as a plain substring (LIKE's wildcards in the word escaped)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        haystack, word = (compiler.compile(expression) for expression in self.get_source_expressions())
        escaped = rf"replace(replace(replace(search_text_fold({word[0]}), '\', '\\'), '%%', '\%%'), '_', '\_')"
        return f"{haystack[0]} LIKE '%%' || {escaped} || '%%'", (*haystack[1], *word[1])


def japanese_match(word):
    """One Japanese word of the query: its pieces in ``search_grams`` (the GIN index), then in ``search_ja``."""
    grams = Func(
        F("search_grams"),
        _sql("search_text_query_grams", Value(word)),
        template="%(expressions)s",
        arg_joiner=" @> ",
        output_field=BooleanField(),
    )
    return Q(grams) & Q(Contains(F("search_ja"), Value(word)))


def apply_text(queryset, spec, text):
    """Records matching ``text`` (no ordering, no annotation: the facet counts reuse this)."""
    if not text:
        return queryset
    words = japanese_words(text)
    if not words:
        return queryset.filter(search_vector=search_query(text))
    # search_ja holds all the Japanese text search_vector holds, and more: the Japanese words alone decide.
    condition = Q()
    for word in words:
        condition &= japanese_match(word)
    others = " ".join(word for word in text.split() if word not in words)
    if others:
        condition &= Q(search_vector=search_query(others))
    return queryset.filter(condition)


def rank(queryset, spec, text):
    """Annotate ``rank`` for sort=relevance: ts_rank, plus where the Japanese words are found."""
    score = SearchRank(F("search_vector"), search_query(text))
    words = japanese_words(text)
    if words:
        score = score + _japanese_rank(spec, words)
    return queryset.annotate(rank=score)


def _japanese_rank(spec, words):
    title, *own = spec.japanese_fields
    score = Value(0.0, output_field=FloatField())
    for word in words:
        score = score + _where(Contains(fold(F(title)), Value(word)), JA_TITLE)
        for name in own:
            score = score + _where(Contains(fold(F(name)), Value(word)), JA_OWN)
        score = score + _where(Contains(F("search_ja"), Value(word)), JA_LINKED)
    similarity = _sql("similarity", fold(Coalesce(F(title), Value(""))), fold(Value(" ".join(words))))
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
    """Index every record of ``register`` again (its trigger computes the columns when ``search_vector`` is set)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {register.model._meta.db_table} SET search_vector = NULL")  # noqa: S608


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
