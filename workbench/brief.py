"""A partner country's brief: its initiatives by policy area and status, the Japanese partnerships with its
localities, researcher exchanges both ways by year, the frameworks involved, and the gaps between initiatives'
policy areas and partnerships' focus areas. Every figure links to the search that shows it.

Everything public goes through the registers' ``published()`` (the searches' bitmaps hold published records
only; exchanges through ``Exchange.objects.published()``).
"""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse

from directory.models import Country
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Exchange, ExchangeDirection
from search import Search, crosstab, registry
from search.urls import search_url

JAPAN = "JP"
PARTNERSHIPS_SHOWN = 60


def partner_countries():
    """Countries other than Japan that some published initiative or partnership names, by name. One query."""
    initiatives = Initiative.objects.published().values("countries")
    partnerships = SubnationalPartnership.objects.published().values("foreign_locality__country")
    named = Q(pk__in=initiatives) | Q(pk__in=partnerships)
    return Country.objects.exclude(iso2=JAPAN).filter(named).order_by("name")


def _facet_links(register, facet, counts, labels, **fixed):
    """``[{"value", "label", "count", "url"}]`` of a facet's counts, most first, each the search with that value."""
    rows = [
        {
            "value": value,
            "label": labels.get(value, value),
            "count": n,
            "url": search_url(register, **fixed, **{facet: value}),
        }
        for value, n in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], str(row["label"]).casefold()))


def initiatives_part(iso2):
    """The initiatives with the country as a partner: area × status cross-tab, frameworks, areas. 3 queries."""
    search = Search(registry["initiatives"], {"country": [iso2]})
    table = crosstab.compute(search, "area", "status", reverse("initiatives:list"))
    counts = search.facet_counts()
    return {
        "total": search.total(),
        "url": search_url("initiatives", country=iso2),
        "table": table,
        "crosstab_url": f"{reverse('workbench_crosstab', args=['initiatives'])}?country={iso2}&rows=area&cols=status",
        "frameworks": _facet_links(
            "initiatives", "framework", counts["framework"], search.choices["framework"], country=iso2
        ),
        "areas": _facet_links("initiatives", "area", counts["area"], search.choices["area"], country=iso2),
    }


def partnerships_part(iso2):
    """Japanese partnerships with the country's localities and their focus areas. 4 queries."""
    search = Search(registry["partnerships"], {"country": [iso2]})
    counts = search.facet_counts()
    shown = (
        SubnationalPartnership.objects.published()
        .filter(foreign_locality__country__iso2=iso2)
        .with_localities()
        .prefetch_related("focus_areas")
        .order_by("japanese_locality__name", "foreign_locality__name")
    )
    rows = list(shown[: PARTNERSHIPS_SHOWN + 1])
    return {
        "total": search.total(),
        "url": search_url("partnerships", country=iso2),
        "rows": rows[:PARTNERSHIPS_SHOWN],
        "more": len(rows) > PARTNERSHIPS_SHOWN,
        "areas": _facet_links("partnerships", "area", counts["area"], search.choices["area"], country=iso2),
    }


def exchanges_part(country):
    """``[{"year", "outbound", "inbound"}]``, newest first: stays in the country by researchers from Japan, and
    stays in Japan by researchers based in the country. One query."""
    outbound = Q(direction=ExchangeDirection.OUTBOUND, country=country)
    inbound = Q(direction=ExchangeDirection.INBOUND, researcher__country=country)
    years = (
        Exchange.objects.published()
        .filter(outbound | inbound)
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(outbound=Count("pk", filter=outbound), inbound=Count("pk", filter=inbound))
        .order_by("-year")
    )
    rows = list(years)
    return {
        "years": rows,
        "outbound": sum(row["outbound"] for row in rows),
        "inbound": sum(row["inbound"] for row in rows),
        "inbound_url": search_url("researchers", country=country.iso2, exchange="yes"),
        "outbound_url": f"{country.get_absolute_url()}#exchanges",
    }


def gaps(initiative_areas, partnership_areas):
    """Policy areas of the initiatives that no partnership's focus areas cover, and the reverse."""
    in_partnerships = {row["value"] for row in partnership_areas}
    in_initiatives = {row["value"] for row in initiative_areas}
    return {
        "initiatives_only": [row for row in initiative_areas if row["value"] not in in_partnerships],
        "partnerships_only": [row for row in partnership_areas if row["value"] not in in_initiatives],
    }


def brief(country):
    """Everything the brief shows. About 12 queries, whatever the country."""
    initiatives = initiatives_part(country.iso2)
    partnerships = partnerships_part(country.iso2)
    return {
        "country": country,
        "initiatives": initiatives,
        "partnerships": partnerships,
        "exchanges": exchanges_part(country),
        "gaps": gaps(initiatives["areas"], partnerships["areas"]),
    }
