"""The faceted search every register shares: pages, the one search box, the API and the exports use it.

Each register declares its search in its own ``search.py`` (a ``declarations.Register``) and registers it
when its app is ready; this package does the rest. Public entry points:

- ``registry``: ``{"initiatives": Register, "researchers": ..., "partnerships": ...}``, as registered
- ``search_queryset(register_name, querydict)``: every matching published record, in the page's order
- ``Search(register, querydict)``: one search with its facets and pages (see ``engine``)
"""

from .engine import Search
from .registry import registry

__all__ = ["Search", "registry", "search_queryset"]


def search_queryset(register_name, querydict):
    """Every published record of ``register_name`` matching ``querydict``, in the search page's order.

    ``querydict`` is ``request.GET`` (or a dict of lists). Same parameters and semantics as
    ``/<register>/`` (``q``, ``sort``, facets, ranges; unknown or malformed values ignored),
    without pagination. Drafts and
    researchers without consent are never included. The queryset is lazy and
    carries no prefetching: chain ``.for_search()`` or your own
    ``select_related``/``prefetch_related`` and ``.iterator(chunk_size=...)`` to stream.
    Cost before evaluation: at most one query (the facet choices) to
    validate the parameters. Raises ``KeyError`` for an unknown register name.
    """
    return Search(registry[register_name], querydict).queryset()
