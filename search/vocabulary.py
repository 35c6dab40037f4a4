""" "Did you mean …": a query with few results is offered a corrected one from the register's own vocabulary.

The vocabulary (``search.models.Word``) holds, per register, the words of its published records' titles (the
fields its ``Suggest`` declares) and of the names its facets offer (countries, organizations with their
acronyms, prefectures, policy areas, ...), in English and Japanese, width-folded (NFKC) and lower-cased.
:func:`rebuild` makes it from scratch (``manage.py search_words``, run by the demo and scale seeds); between
rebuilds, triggers add the words an edit brings as it commits (a record published or retitled, a facet's name
added or renamed: techdiplo_search 0007 and each register's ``0015_vocabulary_triggers``), cutting words as
:func:`words_of` does. Nothing in it is private, since only published records' words are added. A record
unpublished since the last rebuild can leave words behind, but a correction is only offered when the
corrected search finds more published records than the query did, so such a word is never shown.

A correction replaces each word of the query that is not in the vocabulary by the vocabulary's most similar
word (pg_trgm ``similarity``, above its threshold: its ``%`` operator, served by the GIN trigram index), and
keeps the query's quotes and operators.
"""

import re
import unicodedata

from django.db import connection, transaction
from django.http import QueryDict

from .engine import Search
from .models import Word
from .registry import registry
from .suggest import name_fields

FEW = 2  # a search with at most this many results is offered a correction
TOKEN = re.compile(r"\w+")
OPERATORS = {"or", "and", "not"}


def normalize(text):
    """Width-folded (full-width Latin and half-width kana become ordinary) and lower-cased as PostgreSQL's
    lower() does (the triggers adding words as edits commit use it: techdiplo_search 0007)."""
    return unicodedata.normalize("NFKC", text).lower()


def is_word(token):
    """A word worth keeping or correcting: three letters, or two of a script without spaces (Japanese)."""
    minimum = 2 if any(ord(c) > 0x2E80 for c in token) else 3
    return len(token) >= minimum and not token.isdigit()


def words_of(text):
    return {token for token in TOKEN.findall(normalize(text or "")) if is_word(token)}


def _register_words(register):
    """Every word of ``register``'s vocabulary: its published records' titles and its facets' names."""
    words = set()
    if register.suggest:
        fields = (*register.suggest.words, *register.suggest.japanese)
        for row in register.base_queryset().values_list(*fields).iterator(chunk_size=2000):
            for value in row:
                words |= words_of(value)
    for facet in register.facets:
        if facet.table_backed:
            choices = facet.choices
            english, japanese = name_fields(choices)
            for row in choices.model._default_manager.filter(choices.where).values_list(*english, *japanese):
                for value in row:
                    words |= words_of(value)
    return words


@transaction.atomic
def rebuild(names=None):
    """Make the vocabulary of the registers ``names`` (every register when None) from scratch."""
    for name in names or list(registry):
        Word.objects.filter(register=name).delete()
        words = _register_words(registry[name])
        Word.objects.bulk_create((Word(register=name, word=word[:200]) for word in words), batch_size=5000)


def corrections(register_names, tokens):
    """``{token: closest word}`` for the ``tokens`` that no register of ``register_names`` has. One query."""
    if not tokens:
        return {}
    sql = """
        SELECT t.token, (
            SELECT w.word FROM techdiplo_search_word AS w
            WHERE w.register = ANY(%s) AND w.word %% t.token
            ORDER BY similarity(w.word, t.token) DESC, w.word LIMIT 1
        )
        FROM unnest(%s::text[]) AS t (token)
        WHERE NOT EXISTS (
            SELECT 1 FROM techdiplo_search_word AS w WHERE w.register = ANY(%s) AND w.word = t.token
        )
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [register_names, tokens, register_names])
        return {token: word for token, word in cursor.fetchall() if word}


def corrected(register_names, text):
    """``text`` with each unknown word replaced by the closest known one, or None when nothing changes."""
    tokens = sorted({normalize(t) for t in TOKEN.findall(text)} - OPERATORS)
    found = corrections(register_names, [t for t in tokens if is_word(t)])
    if not found:
        return None
    fixed = TOKEN.sub(lambda match: found.get(normalize(match.group()), match.group()), text)
    return fixed if fixed != text else None


def did_you_mean(search, total):
    """``{"text", "url"}`` of a better search when ``search``'s text finds at most ``FEW`` records, or None.

    The URL keeps the search's filters and sort. Queries: none when the search found more or has no text; else
    one for the corrections and, when there are some, two for the corrected search's count (its choices and
    its bitmaps)."""
    if not search.text or total > FEW:
        return None
    text = corrected([search.register.name], search.text)
    if text is None:
        return None
    params = QueryDict(mutable=True)
    for key, values in search.data.lists():
        if key not in ("q", "page"):
            params.setlist(key, values)
    params["q"] = text
    if Search(search.register, params, years=False, facets=False).total() <= total:
        return None  # the correction finds no more published records: no better search to offer
    return {"text": text, "url": f"?{params.urlencode()}"}


def did_you_mean_anywhere(text, total):
    """The same for the one search box over every register: ``total`` is what ``text`` found in all of them.
    Queries: as above, the corrected search's two for each register."""
    if not text or total > FEW:
        return None
    fixed = corrected(list(registry), text)
    if fixed is None:
        return None
    params = QueryDict(mutable=True)
    params["q"] = fixed
    found = (Search(register, params, years=False, facets=False).total() for register in registry.values())
    if sum(found) <= total:
        return None
    return {"text": fixed, "url": f"?{params.urlencode()}"}
