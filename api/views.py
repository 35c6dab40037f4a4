"""The JSON API: the same searches as the register pages, as JSON.

``/api/<register>/`` (kept as it was): ``{"count", "page", "num_pages", "results", "facets"}``.
``/api/v1/<register>/``: the same plus ``page_size``, ``next``, ``previous`` and ``updated_since`` (with
``removed``: the slugs that left the public register since then); ``/api/v1/<register>/<slug>/``: one record
with its links; ``/api/v1/openapi.json``: the document describing them (``api.openapi``). ``results`` hold
each record's public fields (the register's ``serialize``) plus ``display_title`` and ``url``, the absolute
detail URL; ``facets`` hold exactly the facet parameters with the page's counts; ``years`` the results per
year of the register's range (start year, year established), counted under every parameter but the range. Same
parameters, same privacy rule, same queries as the page, plus one for ``Last-Modified`` (``api.answers``).
"""

from datetime import UTC

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from bilingual.content import display_title
from search import Search, registry
from search.changes import departed
from search.engine import PER_PAGE

from . import openapi
from .answers import ApiError, answer, api_view
from .links import api_url, link

MAX_PAGE_SIZE = 100


def _result(request, register, obj):
    return {
        **register.serialize(obj),
        "display_title": display_title(obj),
        "url": request.build_absolute_uri(obj.get_absolute_url()),
    }


@api_view
def register_search(request, register_name):
    """``lang=ja`` gives Japanese facet labels and each result's ``display_title`` in Japanese (English where
    a record has no Japanese); anything else is English. The records' own fields stay as they are."""
    register = registry[register_name]
    search = Search(register, request.GET)
    page, _notice = search.page(request.GET.get("page"), snippets=False)  # an answer holds no snippet
    return answer(
        {
            "count": page.paginator.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "results": [_result(request, register, obj) for obj in page.object_list],
            "facets": search.facets_json(),
            "years": search.years_json(),
        }
    )


def page_size(raw):
    if raw in (None, ""):
        return PER_PAGE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        message = gettext("page_size must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}
        raise ApiError(400, message)
    return size


def updated_since(raw):
    """An aware datetime in UTC from an ISO 8601 date-time (a time without an offset is UTC), or None when not
    given. In UTC, because PostgreSQL refuses offsets beyond 15:59 that ISO 8601 allows."""
    if raw in (None, ""):
        return None
    try:
        moment = parse_datetime(raw.strip())
        if moment is not None:
            return (make_aware(moment, timezone=UTC) if is_naive(moment) else moment).astimezone(UTC)
    except (ValueError, OverflowError):
        pass
    raise ApiError(400, gettext("updated_since must be an ISO 8601 date-time, such as 2026-04-01T00:00:00Z."))


def _page_url(request, number):
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@api_view
def search_v1(request, register_name):
    """``/api/v1/<register>/``: the search with ``page_size``, ``next``/``previous`` and ``updated_since``."""
    register = registry[register_name]
    size, since = page_size(request.GET.get("page_size")), updated_since(request.GET.get("updated_since"))
    search = Search(register, request.GET, since=since)
    page, _notice = search.page(request.GET.get("page"), per_page=size, snippets=False)
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "page_size": size,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
        "updated_since": since.isoformat() if since else None,
        "results": [{**_result(request, register, obj), "api_url": api_url(request, obj)} for obj in page.object_list],
        "facets": search.facets_json(),
        "years": search.years_json(),
    }
    if since is not None:
        data["removed"] = departed(register, since)
    return answer(data)


@api_view
def record_v1(request, register_name, slug):
    """``/api/v1/<register>/<slug>/``: one public record, its fields and its links (404 for anything else)."""
    register = registry[register_name]
    records = register.base_queryset()
    records = records.for_detail() if hasattr(records, "for_detail") else records.for_search()
    obj = records.filter(slug=slug).first()
    if obj is None:
        raise ApiError(404, gettext("No public record has this slug."))
    related = register.related(obj) if register.related else {}
    links = {name: [link(request, item) for item in items] for name, items in related.items()}
    return answer({**_result(request, register, obj), "api_url": api_url(request, obj), "links": links})


@api_view
def openapi_json(request):
    return answer(openapi.document(request))


@require_safe
def index(request):
    """``/api/`` and ``/ja/api/``: the documentation, from the OpenAPI document (its descriptions in the page's
    language), with each register's parameters. A page of the site, mounted with them in both languages
    (``techdiplo.urls``); the JSON it documents stays under ``/api/`` only."""
    endpoints = []
    for register in registry.values():
        endpoints.append(
            {
                "register": register,
                "url": request.build_absolute_uri(reverse("api:search", args=[register.name])),
                "v1_url": request.build_absolute_uri(reverse("api:v1-search", args=[register.name])),
                "page_url": reverse(register.list_url_name),
                "facets": [(facet.name, facet.label, openapi.values_help(facet)) for facet in register.facets],
                "ranges": [(bound.name, bound.label) for bound in register.ranges],
                "sorts": list(register.sorts),
            }
        )
    limits = settings.RATE_LIMITS
    fair_use = {
        "limits": [
            (gettext("API requests (everything under /api/)"), limits["api"]),
            (gettext("downloads (export.csv, export.json)"), limits["downloads"]),
            (gettext("feed requests"), limits["feeds"]),
            (gettext("search pages"), limits["search"]),
        ],
        "slots": settings.HEAVY_REQUEST_SLOTS,
    }
    context = {"endpoints": endpoints, "reference": openapi.reference(openapi.document(request)), "fair_use": fair_use}
    return render(request, "api/index.html", context)
