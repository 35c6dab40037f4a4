"""What the home page shows: headline figures and ways into the registers. Published data only.

The counts change only when an editor saves, so ``home_page()`` keeps them in the cache of the search
machinery, whose keys carry the data version that every save bumps (about a second of queries with
100,000 initiatives, then none). Records themselves are never served from the cache: the latest
initiatives are read on every visit (one indexed query), so an unpublished one disappears at once on every
server, even one whose local cache has not seen the edit.
"""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import get_language, gettext

from directory.models import Country, Region, search_url
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from techdiplo.i18n import is_japanese
from techdiplo.search.cache import cached


def home_page():
    """The home page's data: 1 query when the counts are cached, 7 when not."""
    counts = cached(
        ("home", get_language()),  # labels and links are in the page's language
        lambda: {"figures": headline_figures(), "areas": policy_areas_with_counts(), "regions": regions_with_counts()},
    )
    return {**counts, "latest": latest_initiatives()}


def headline_figures():
    """Counts of published records and of the countries Japan partners with in them: 4 queries."""
    initiatives = Initiative.objects.published()
    partnerships = SubnationalPartnership.objects.published()
    partner_countries = Country.objects.exclude(iso2="JP").filter(
        Exists(initiatives.filter(countries=OuterRef("pk")))
        | Exists(partnerships.filter(foreign_locality__country=OuterRef("pk")))
    )
    return [
        {"label": gettext("Initiatives"), "count": initiatives.count(), "url": reverse("initiatives:list")},
        {
            "label": gettext("Researchers"),
            "count": Researcher.objects.published().count(),
            "url": reverse("researchers:list"),
        },
        {"label": gettext("Partnerships"), "count": partnerships.count(), "url": reverse("partnerships:list")},
        {"label": gettext("Partner countries"), "count": partner_countries.count(), "url": None},
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


def policy_areas_with_counts():
    """Policy areas of published initiatives, each with its count, most used first: 1 grouped query."""
    rows = (
        Initiative.objects.published()
        .filter(policy_areas__isnull=False)
        .values("policy_areas__slug", "policy_areas__name", "policy_areas__name_ja")
        .annotate(count=Count("pk"))  # an initiative has an area at most once: no DISTINCT needed
        .order_by("-count", "policy_areas__name")
    )
    return [
        {
            "label": (is_japanese() and row["policy_areas__name_ja"]) or row["policy_areas__name"],
            "count": row["count"],
            "url": search_url("initiatives", area=row["policy_areas__slug"]),
        }
        for row in rows
    ]


def regions_with_counts():
    """World regions of partner countries, each with its number of published initiatives: 1 grouped query."""
    rows = (
        Initiative.objects.published()
        .filter(countries__isnull=False)
        .values("countries__region")
        .annotate(count=Count("pk", distinct=True))  # two partners in one region count the initiative once
        .order_by("-count", "countries__region")
    )
    labels = dict(Region.choices)
    return [
        {
            "label": str(labels.get(row["countries__region"], row["countries__region"])),
            "count": row["count"],
            "url": search_url("initiatives", region=row["countries__region"]),
        }
        for row in rows
    ]
