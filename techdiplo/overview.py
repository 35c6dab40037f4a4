"""What the home page shows: headline figures and ways into the registers. Published data only.

Every figure is read from the facet bitmaps at every visit (nothing is cached), so the home page agrees with
the search pages and with every committed change at once: its counts are those of the empty searches.
"""

from django.urls import reverse
from django.utils.translation import gettext

from directory.models import search_url
from initiatives.models import Initiative
from techdiplo.search import REGISTERS, Search, bitmaps

HOME_COUNTRY = "JP"  # partnerships and initiatives are Japan's: it is never a partner country


def home_page():
    """The home page's data: 4 queries (the initiatives' facet choices and counts, the other registers' totals
    with every partner country, the latest initiatives)."""
    initiatives = Search(REGISTERS["initiatives"], {})
    return {
        "figures": headline_figures(initiatives),
        "areas": with_counts(initiatives, "area"),
        "regions": with_counts(initiatives, "region"),
        "latest": latest_initiatives(),
    }


def headline_figures(initiatives):
    """Counts of published records and of the countries Japan partners with in them (an initiative's partner
    countries, a partnership's foreign side). ``initiatives`` is the empty search of initiatives."""
    counts = bitmaps.unfiltered_counts(
        [("researchers", ""), ("partnerships", ""), ("initiatives", "country"), ("partnerships", "country")]
    )
    home_id = str(initiatives.facet_filters["country"].ids.get(HOME_COUNTRY))
    partner_countries = (set(counts[("initiatives", "country")]) | set(counts[("partnerships", "country")])) - {home_id}
    return [
        {"label": gettext("Initiatives"), "count": initiatives.total(), "url": reverse("initiatives:list")},
        {
            "label": gettext("Researchers"),
            "count": counts[("researchers", "")].get("", 0),
            "url": reverse("researchers:list"),
        },
        {
            "label": gettext("Partnerships"),
            "count": counts[("partnerships", "")].get("", 0),
            "url": reverse("partnerships:list"),
        },
        {"label": gettext("Partner countries"), "count": len(partner_countries), "url": None},
    ]


def with_counts(initiatives, facet):
    """The values of one facet of the empty search of initiatives, most used first, each with its count and the
    search it links to."""
    counts = initiatives.facet_counts()[facet]
    labels = initiatives.choices[facet]
    ordered = sorted(counts.items(), key=lambda item: (-item[1], labels.get(item[0], item[0]).casefold()))
    return [
        {"label": labels.get(value, value), "count": n, "url": search_url("initiatives", **{facet: value})}
        for value, n in ordered
    ]


def latest_initiatives(limit=6):
    """The most recently started published initiatives: 1 query, read backwards along the start date index.

    Undated initiatives are left out: putting them last (NULLS LAST) would sort the whole table instead.
    """
    return (
        Initiative.objects.published()
        .filter(start_date__isnull=False)
        .select_related("lead_organization")
        .order_by("-start_date", "-created_at")[:limit]
    )
