"""A register's search page: a short view over ``Search``, which each register's list URL calls."""

from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from . import Search, figures, registry, vocabulary
from . import suggest as suggest_names
from .text import clean_text

# search.js sends this header to get the page's changing parts only (includes/_search_fragment.html).
FRAGMENT_HEADER = "X-Search-Fragment"


def search_page(request, register_name):
    """``/<register>/``: the faceted search. Queries: see ``search.engine`` (7 at most, whatever the filters), and
    up to 3 more for "Did you mean …" when a text finds at most two records (``search.vocabulary``); the maps and
    timeline (``search.figures``) add none."""
    register = registry[register_name]
    drawn = figures.enabled()
    search = Search(register, request.GET, years=drawn)
    page, notice = search.page(request.GET.get("page"))
    list_url = reverse(register.list_url_name)
    query = query_string(request.GET)
    context = {
        "register": register,
        "search": search,
        "page": page,
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "notice": notice,
        "facets": search.facets(),
        "chips": chips(search, request.GET),
        "did_you_mean": vocabulary.did_you_mean(search, page.paginator.count),
        "figures": figures.figures(search, list_url) if drawn else [],
        "list_url": list_url,
        "query": query,  # the search without its page: what the downloads and the feed carry
        "feed_url": reverse(f"{register.name}:feed") + query,
        # A page of the whole register is its own canonical page; a filtered search (noindex) points at the register.
        "canonical_url": f"{list_url}?page={page.number}" if page.number > 1 and not search.is_filtered else list_url,
        "ranges": [
            {"name": bound.name, "label": bound.label, "value": search.ranges.get(bound.name, "")}
            for bound in register.ranges
        ],
    }
    fragment = request.headers.get(FRAGMENT_HEADER) == "1"
    response = render(request, "includes/_search_fragment.html" if fragment else register.list_template, context)
    patch_vary_headers(response, [FRAGMENT_HEADER])  # one URL, two representations: caches must keep both apart
    return response


def query_string(querydict):
    """``?<the search's parameters>`` without the page number ("" for none): every page of a download, and a
    feed starting from the newest."""
    kept = querydict.copy()
    kept.pop("page", None)
    return f"?{kept.urlencode()}" if kept else ""


def chips(search, querydict):
    """The active filters, each with the URL that removes it (the page number is dropped: results change)."""
    result = []
    if search.swapped_ranges:  # a chip removes the bound it names, so the URLs carry the swapped bounds
        querydict = querydict.copy()
        for low, high in search.swapped_ranges:
            querydict[low], querydict[high] = str(search.ranges[low]), str(search.ranges[high])
    if search.text:
        result.append({"label": f"“{search.text}”", "kind": gettext("Text"), "url": _without(querydict, "q")})
    for name, values in search.selected.items():
        kind = str(search.register.facet(name).label)
        for value in values:
            url = _without(querydict, name, value)
            result.append({"label": search.label_of(name, value), "kind": kind, "url": url})
    for name, value in search.ranges.items():
        kind = str(search.register.range(name).label)
        result.append({"label": str(value), "kind": kind, "url": _without(querydict, name)})
    return result


def _without(querydict, name, value=None):
    remaining = QueryDict(mutable=True)
    for key, values in querydict.lists():
        if key == "page":
            continue
        kept = [v for v in values if key != name or (value is not None and v != value)]
        if kept:
            remaining.setlist(key, kept)
    return f"?{remaining.urlencode()}" if remaining else "?"


@require_safe
def suggest(request):
    """``/suggest/?q=&register=``: what the search boxes suggest as a name is typed, as JSON in the page's
    language. Queries: see ``search.suggest`` (2 on a register's box, 4 on the site-wide one; none below two
    characters). Bad input answers 400 with the reason, never a 500."""
    raw, name = request.GET.get("q", ""), request.GET.get("register", "")
    if name and name not in registry:
        known = ", ".join(registry)
        return _bad_request(gettext("Unknown register “%(name)s”: one of %(known)s.") % {"name": name, "known": known})
    if len(raw) > suggest_names.MAX_LENGTH:
        return _bad_request(gettext("At most %(max)s characters.") % {"max": suggest_names.MAX_LENGTH})
    text = clean_text(raw)
    answer = {"query": text, "register": name or None}
    if len(text) < suggest_names.MIN_LENGTH:
        return JsonResponse({**answer, "suggestions": [], "status": gettext("Type at least two characters")})
    found = suggest_names.suggestions(registry[name] if name else None, text)
    return JsonResponse({**answer, "suggestions": found, "status": suggest_names.status(len(found))})


def _bad_request(message):
    return JsonResponse({"error": message}, status=400)
