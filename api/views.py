"""The JSON API: the same searches as the register pages, as JSON (``/api/<register>/``).

Answer: ``{"count", "page", "num_pages", "results", "facets", "years"}``. ``results`` hold each
record's public fields (the register's ``serialize``) plus ``url``, the absolute
detail URL; ``facets`` hold exactly the facet parameters with the page's counts; ``years`` the results per
year of the register's range (start year, year established), counted under every parameter but the range.
Same parameters, same privacy rule, same queries as the page (at most 13).
"""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from bilingual.content import display_title
from search import Search, registry
from search.declarations import ModelChoices

API_LANGUAGES = {"en", "ja"}


@require_safe
def register_search(request, register_name):
    """``lang=ja`` gives Japanese facet labels and each result's ``display_title`` in Japanese (English where
    a record has no Japanese); anything else is English. The records' own fields stay as they are."""
    language = request.GET.get("lang", "en")
    with translation.override(language if language in API_LANGUAGES else "en"):
        return _register_search(request, register_name)


def _register_search(request, register_name):
    register = registry[register_name]
    search = Search(register, request.GET)
    try:
        page, _notice = search.page(request.GET.get("page"))
    except Http404:
        return JsonResponse({"error": "No such page of results.", "status": 404}, status=404)
    results = [
        {
            **register.serialize(obj),
            "display_title": display_title(obj),
            "url": request.build_absolute_uri(obj.get_absolute_url()),
        }
        for obj in page.object_list
    ]
    answer = {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "results": results,
        "facets": search.facets_json(),
        "years": search.years_json(),
    }
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})


@require_safe
def index(request):
    """``/api/``: the documentation, with each register's parameters read from its declaration."""
    endpoints = []
    for register in registry.values():
        endpoints.append(
            {
                "register": register,
                "url": request.build_absolute_uri(reverse("api:search", args=[register.name])),
                "page_url": reverse(register.list_url_name),
                "facets": [(facet.name, facet.label, values_help(facet)) for facet in register.facets],
                "ranges": [(bound.name, bound.label) for bound in register.ranges],
                "sorts": list(register.sorts),
            }
        )
    return render(request, "api/index.html", {"endpoints": endpoints})


VALUE_COLUMNS = {"iso2": "ISO 3166-1 alpha-2 code (US)", "iso_code": "ISO 3166-2 code (JP-13)", "slug": "slug"}


def values_help(facet):
    """What a facet's values look like, for the documentation: the fixed list, or which column of which table."""
    source = facet.choices
    if isinstance(source, ModelChoices):
        column = VALUE_COLUMNS.get(source.value, source.value)
        name = source.model._meta.verbose_name
        return f"the {column} of {'an' if name[:1] in 'aeiou' else 'a'} {name} (see its page's URL)"
    values = source if isinstance(source, dict) else dict(source.choices)
    return ", ".join(values)
