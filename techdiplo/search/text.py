"""Text search: PostgreSQL full text with ranking and snippets, a term-by-term fallback on SQLite.

PostgreSQL reads the query with ``websearch_to_tsquery`` (quoted phrases, ``OR``,
``-exclusion``) against the stored, weighted ``search_vector``; Japanese text is
matched as a substring too, because it has no spaces to split words on. SQLite
has no full text here: every term must occur (icontains) in one of the fields,
``-term`` excludes, quoted phrases stay together, and ``OR`` joins the terms on
either side of it, as ``websearch_to_tsquery`` reads it (``a b OR c`` is a AND (b OR c)).
"""

import re
import shlex

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
# Private-use characters mark a highlight: the snippet is escaped first, then they become <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")


def clean_text(value):
    """A query safe for every database: no control characters (PostgreSQL refuses NUL), bounded length."""
    value = _CONTROL.sub(" ", value or "")
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()


def is_postgres():
    return connection.vendor == "postgresql"


def search_query(text):
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def has_non_ascii(text):
    return any(ord(c) > 127 for c in text)


def apply_text(queryset, spec, text):
    """Records matching ``text`` (no ordering, no annotation: the facet counts reuse this)."""
    if not text:
        return queryset
    if is_postgres():
        condition = Q(search_vector=search_query(text))
        if has_non_ascii(text):
            for name in spec.japanese_fields:
                condition |= Q(**{f"{name}__icontains": text})
        return queryset.filter(condition)
    return queryset.filter(_terms_q(spec.fields, text))


def rank(queryset, text):
    """Annotate ``rank`` for sort=relevance. On SQLite every match ranks the same."""
    if is_postgres():
        return queryset.annotate(rank=SearchRank(F("search_vector"), search_query(text)))
    return queryset


def headlines(model, spec, pks, text):
    """Highlighted snippets for the given records (the current page only: ts_headline is costly). One query.

    Returns ``{pk: safe HTML}``; empty on SQLite.
    """
    if not (text and pks and is_postgres()):
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


def split_terms(text):
    """Groups of terms, all groups required, any term of a group enough: ``OR`` puts the terms on either side
    in one group. Each term is ``(text, negated)``; quoted phrases stay whole, "-term" is an exclusion (a group
    of its own: ``OR`` next to an exclusion is dropped, which is stricter)."""
    try:
        words = shlex.split(text)
    except ValueError:  # an unbalanced quote
        words = text.replace('"', " ").split()
    groups, joined = [], False
    for word in words:
        if word.upper() == "OR":
            joined = bool(groups)
            continue
        if word in {"-", ""}:
            continue
        negated = word.startswith("-") and len(word) > 1
        term = (word[1:] if negated else word, negated)
        if joined and not negated and not groups[-1][0][1]:
            groups[-1].append(term)
        else:
            groups.append([term])
        joined = False
    return groups


def _terms_q(fields, text):
    condition = Q()
    for group in split_terms(text):
        any_term = Q()
        for term, _negated in group:
            for name in fields:
                any_term |= Q(**{f"{name}__icontains": term})
        condition &= ~any_term if group[0][1] else any_term
    return condition
