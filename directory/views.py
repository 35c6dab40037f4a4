"""Organization and country pages: everything published in the three registers that links to them.

``directory`` never imports the registers (they depend on it): organization and country pages reach
initiatives, researchers and exchanges through reverse relations, whose managers carry each register's
``published()`` rule, and partnerships through the app registry.
"""

from typing import NamedTuple

from django.apps import apps
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .models import Country, Organization, search_url

JAPAN = "JP"
# A page lists at most this many records a section; beyond that it points to the filtered search.
SECTION_LIMIT = 50


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
        **sections,
        "researchers_search_url": search_url("researchers", org=organization.slug),
        "has_content": any(section.rows for section in sections.values()),
    }
    return render(request, "directory/organization_detail.html", context)


@require_safe
def country_detail(request, iso2):
    """5 queries: the country, its published initiatives, researchers, exchanges there and partnerships abroad."""
    country = get_object_or_404(Country, iso2=iso2.upper())
    if iso2 != country.iso2.lower():
        return redirect(country, permanent=True)
    partnerships = apps.get_model("partnerships", "SubnationalPartnership").objects.published().with_localities()
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
        **sections,
        "searches": {
            # Japan is never a partner of itself (?country=JP finds nothing): its page leads to whole registers.
            "initiatives": reverse("initiatives:list") if japan else search_url("initiatives", country=country.iso2),
            "researchers": search_url("researchers", country=country.iso2),
            "partnerships": reverse("partnerships:list") if japan else search_url("partnerships", country=country.iso2),
            "region": search_url("initiatives", region=country.region),
        },
        "japan": japan,
        "has_content": any(section.rows for section in sections.values()),
    }
    return render(request, "directory/country_detail.html", context)
