"""The site's own pages: the home page, the one search box, researcher, organization and country pages, the
health check.

Each composes the registers (``directory``, ``people``, ``initiatives``, ``partnerships``): this is the one
app allowed to import them all. Every list goes through the registers' ``published()``.
"""

from typing import NamedTuple

from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from api.linked_data import embed
from directory import linked_data as directory_linked_data
from directory.models import JAPAN, Country, Organization
from initiatives import linked_data as initiative_linked_data
from initiatives.models import Initiative, Participation, worked_with
from partnerships.figures import lines_map
from partnerships.models import SubnationalPartnership
from people.linked_data import researcher as researcher_linked_data
from people.models import Researcher
from search import Search, figures, registry, vocabulary
from search.text import clean_text
from search.urls import search_url

from . import home as home_page

SITE_SEARCH_HITS = 5
# A page lists at most this many records a section; beyond that it points to the filtered search.
SECTION_LIMIT = 50


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when every dependency a page needs answers, 503 naming the ones that do not.

    The one dependency is PostgreSQL: ``"database"`` is ``"ok"``, ``"read-only"`` (pages are served,
    sign-ins and saves answer 503) or ``"unreachable"``. One query.
    """
    checks = {"database": database_state()}
    healthy = all(state in ("ok", "read-only") for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('transaction_read_only')")
            read_only = cursor.fetchone()[0] == "on"
    except DatabaseError:
        return "unreachable"
    return "read-only" if read_only else "ok"


@require_safe
def home(request):
    """Headline figures, latest initiatives, ways in by area and region: 4 queries (see ``portal.home``)."""
    return render(request, "home.html", home_page.home_page())


@require_safe
def site_search(request):
    """``/search/?q=``: how many records of each register match, and the first few of each.

    Queries per register: the count (from the facet bitmaps, as the register's own page, without the facets'
    and the years' counts, which this page does not show), the top hits' ids, their rows and prefetches, their
    snippets; "Did you mean …" when at most two records match in all (``search.vocabulary``).
    """
    text = clean_text(request.GET.get("q", ""))
    params = QueryDict(mutable=True)
    params["q"] = text
    sections = []
    if text:
        for register in registry.values():
            matches = Search(register, params, years=False, facets=False)  # a total and hits: nothing else
            sections.append(
                {
                    "register": register,
                    "count": matches.total(),
                    "hits": matches.top(SITE_SEARCH_HITS),
                    "url": f"{reverse(register.list_url_name)}?{params.urlencode()}",
                    "query": f"?{params.urlencode()}",
                }
            )
    did_you_mean = vocabulary.did_you_mean_anywhere(text, sum(section["count"] for section in sections))
    feed_url = reverse("search_feed") + (f"?{params.urlencode()}" if text else "")
    context = {"text": text, "sections": sections, "did_you_mean": did_you_mean, "feed_url": feed_url}
    return render(request, "search.html", context)


class Section(NamedTuple):
    rows: list
    more: bool  # True when there are more than the rows shown


def first(queryset, limit=SECTION_LIMIT):
    """The first ``limit`` records and whether there are more, in one query (fetches one extra row)."""
    rows = list(queryset[: limit + 1])
    return Section(rows[:limit], len(rows) > limit)


@require_safe
def organization_detail(request, slug):
    """5 queries: the organization, initiatives led, initiatives partnered, researchers, exchanges hosted."""
    organization = get_object_or_404(Organization.objects.select_related("country"), slug=slug)
    sections = {
        "led": first(organization.led_initiatives.published()),
        "partnered": first(organization.partner_initiatives.published().select_related("lead_organization")),
        "researchers": first(organization.researchers.published().select_related("country")),
        "exchanges": first(organization.hosted_exchanges.published().select_related("researcher", "country")),
    }
    context = {
        "organization": organization,
        "linked_data": embed(directory_linked_data.organization(organization, request)),
        **sections,
        "researchers_search_url": search_url("researchers", org=organization.slug),
        "has_content": any(section.rows for section in sections.values()),
    }
    return render(request, "portal/organization_detail.html", context)


@require_safe
def country_detail(request, iso2):
    """5 queries: the country, its published initiatives, researchers, exchanges there and partnerships abroad;
    1-2 for the lines map of its partnerships; Japan's 2 more for its map of partnerships by prefecture."""
    country = get_object_or_404(Country, iso2=iso2.upper())
    if iso2 != country.iso2.lower():
        return redirect(country, permanent=True)
    partnerships = SubnationalPartnership.objects.published().with_localities()
    japan = country.iso2 == JAPAN
    sections = {
        "initiatives": first(country.initiatives.published().select_related("lead_organization")),
        "researchers": first(country.researchers.published().select_related("affiliation")),
        # A researcher's page links each exchange's country, so the country page links back.
        "exchanges": first(country.exchanges.published().select_related("researcher", "host_organization")),
        "partnerships": first(partnerships.filter(foreign_locality__country=country)),
    }
    context = {
        "country": country,
        "linked_data": embed(directory_linked_data.country(country, request)),
        **sections,
        "searches": {
            # Japan is never a partner of itself (?country=JP finds nothing): its page leads to whole registers.
            "initiatives": reverse("initiatives:list") if japan else search_url("initiatives", country=country.iso2),
            "researchers": search_url("researchers", country=country.iso2),
            "partnerships": reverse("partnerships:list") if japan else search_url("partnerships", country=country.iso2),
            "region": search_url("initiatives", region=country.region),
        },
        "japan": japan,
        # Japan's page maps every published partnership by prefecture (2 queries: the facet choices and counts).
        "japan_map": figures.japan_map(partnership_search(), reverse("partnerships:list")) if japan else None,
        # Every published partnership of the country (all of them for Japan) as lines: 1-2 queries.
        "lines_map": lines_map(partnerships if japan else partnerships.filter(foreign_locality__country=country)),
        "has_content": any(section.rows for section in sections.values()),
    }
    return render(request, "portal/country_detail.html", context)


def partnership_search():
    return Search(registry["partnerships"], QueryDict(), years=False)


@require_safe
def researcher_detail(request, slug):
    """5 queries: the researcher (with affiliation and country), fields, exchanges, the participations in
    published initiatives (``public_participations``), and whom they worked with (``worked_with``)."""
    participations = Participation.objects.filter(initiative__in=Initiative.objects.published())
    initiatives = Prefetch(
        "participations", queryset=participations.select_related("initiative"), to_attr="public_participations"
    )
    researchers = Researcher.objects.visible_to(request.user).for_detail().prefetch_related(initiatives)
    researcher = get_object_or_404(researchers, slug=slug)
    projects = [initiative_linked_data.reference(p.initiative, request) for p in researcher.public_participations]
    context = {
        "object": researcher,
        "worked_with": list(worked_with(researcher)),
        "nav_section": "researchers",
        "linked_data": embed(researcher_linked_data(researcher, request, projects)),
    }
    return render(request, "people/researcher_detail.html", context)
