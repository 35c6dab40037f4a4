"""Text search: PostgreSQL full text with ranking and snippets.

The query is read with ``websearch_to_tsquery`` (quoted phrases, ``OR``,
``-exclusion``) against the stored, weighted ``search_vector`` (kept by a trigger,
see the register's migration); Japanese text is matched as a substring too
(pg_trgm indexes), because it has no spaces to split words on.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
# Private-use characters mark a highlight: the snippet is escaped first, then they become <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")


def clean_text(value):
    """A query safe for PostgreSQL: no control characters (it refuses NUL), bounded length."""
    value = _CONTROL.sub(" ", value or "")
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()


def search_query(text):
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def has_non_ascii(text):
    return any(ord(c) > 127 for c in text)


def apply_text(queryset, spec, text):
    """Records matching ``text`` (no ordering, no annotation: the facet counts reuse this)."""
    if not text:
        return queryset
    condition = Q(search_vector=search_query(text))
    if has_non_ascii(text):
        for name in spec.japanese_fields:
            condition |= Q(**{f"{name}__icontains": text})
    return queryset.filter(condition)


def rank(queryset, text):
    """Annotate ``rank`` for sort=relevance."""
    return queryset.annotate(rank=SearchRank(F("search_vector"), search_query(text)))


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
