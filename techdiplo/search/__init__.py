"""The faceted search every register shares: pages, the one search box, the API and the exports use it.

Each register declares its search in its own ``filters.py`` (a ``REGISTER``);
this package does the rest. Public entry points:

- ``REGISTERS``: ``{"initiatives": Register, "researchers": ..., "partnerships": ...}``
- ``search_queryset(register_name, querydict)``: every matching published record, in the page's order
- ``Search(register, querydict)``: one search with its facets and pages (see ``engine``)
"""

from collections.abc import Mapping

from django.utils.module_loading import import_string

from .engine import Search

__all__ = ["REGISTERS", "Search", "search_queryset"]


class _Registry(Mapping):
    """Register declarations, imported on first use (the apps' models must be loaded first)."""

    PATHS = {
        "initiatives": "initiatives.filters.REGISTER",
        "researchers": "people.filters.REGISTER",
        "partnerships": "partnerships.filters.REGISTER",
    }

    def __getitem__(self, name):
        return import_string(self.PATHS[name])

    def __iter__(self):
        return iter(self.PATHS)

    def __len__(self):
        return len(self.PATHS)


REGISTERS = _Registry()


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
    return Search(REGISTERS[register_name], querydict).queryset()
