"""What the home page shows: headline figures and ways into the registers. Published data only."""

from django.db.models import Count, F, Q
from django.urls import reverse

from directory.models import Country, PolicyArea, Region, search_url
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher


def headline_figures():
    """Counts of published records and of the countries Japan partners with in them: 4 queries."""
    initiatives = Initiative.objects.published()
    partnerships = SubnationalPartnership.objects.published()
    partner_countries = Country.objects.exclude(iso2="JP").filter(
        Q(pk__in=initiatives.values("countries")) | Q(pk__in=partnerships.values("foreign_locality__country"))
    )
    return [
        {"label": "Initiatives", "count": initiatives.count(), "url": reverse("initiatives:list")},
        {"label": "Researchers", "count": Researcher.objects.published().count(), "url": reverse("researchers:list")},
        {"label": "Partnerships", "count": partnerships.count(), "url": reverse("partnerships:list")},
        {"label": "Partner countries", "count": partner_countries.count(), "url": None},
    ]


def latest_initiatives(limit=6):
    """The most recently started published initiatives (undated ones last): 1 query."""
    return (
        Initiative.objects.published()
        .select_related("lead_organization")
        .order_by(F("start_date").desc(nulls_last=True), "-created_at")[:limit]
    )


def policy_areas_with_counts():
    """Policy areas with at least one published initiative, each with its count: 1 query."""
    published = Initiative.objects.published()
    return (
        PolicyArea.objects.annotate(count=Count("initiatives", filter=Q(initiatives__in=published)))
        .filter(count__gt=0)
        .order_by("-count", "name")
    )


def regions_with_counts():
    """World regions of partner countries, each with its number of published initiatives: 1 query."""
    rows = (
        Initiative.objects.published()
        .filter(countries__isnull=False)
        .values("countries__region")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "countries__region")
    )
    labels = dict(Region.choices)
    return [
        {
            "label": labels.get(row["countries__region"], row["countries__region"]),
            "count": row["count"],
            "url": search_url("initiatives", region=row["countries__region"]),
        }
        for row in rows
    ]
