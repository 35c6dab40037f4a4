"""The figures of each report: one grouped query over published data, shaped into a table.

Every function takes a ``YearRange`` and returns a ``Table`` (column headers, rows of cells). The
cells are plain values, so the same table renders on the page and downloads as CSV or XLSX.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Sum, When
from django.db.models.functions import ExtractYear

from bilingual.content import is_japanese
from directory.models import LocalityLevel, Region
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import CareerStage, EnglishLevel, Exchange, ExchangeDirection, Researcher

TOTAL = "Total"


@dataclass(frozen=True)
class YearRange:
    start: int | None = None
    end: int | None = None

    def q(self, lookup):
        """A filter on the year of ``lookup`` (a date field's ``__year`` or a year field)."""
        q = Q()
        if self.start is not None:
            q &= Q(**{f"{lookup}__gte": self.start})
        if self.end is not None:
            q &= Q(**{f"{lookup}__lte": self.end})
        return q


@dataclass
class Table:
    columns: list
    rows: list
    names: dict = field(default_factory=dict)  # a row's key (ISO code) -> its name in the page's language


def year_span(years):
    """Every year from the first to the last, so charts show empty years as zero."""
    years = [y for y in years if y is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def crosstab(records, row_key, column_key, row_order, column_order, first_header):
    """Rows × columns of counts with a total column; rows and columns in the given order, empty rows dropped."""
    counts = defaultdict(int)
    for record in records:
        counts[record[row_key], record[column_key]] += record["n"]
    rows = []
    for row in row_order:
        cells = [counts[row, column] for column in column_order]
        if any(cells):
            rows.append([row, *cells, sum(cells)])
    return Table([first_header, *column_order, TOTAL], rows)


def initiatives_by_area_and_year(years):
    records = list(
        Initiative.objects.published()
        .filter(years.q("start_date__year"), start_date__isnull=False)
        .values(area=F("policy_areas__name"), year=ExtractYear("start_date"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    records = [r for r in records if r["area"] is not None]
    areas = sorted({r["area"] for r in records})
    return crosstab(records, "area", "year", areas, year_span(r["year"] for r in records), "Policy area")


def initiatives_by_region(years):
    labels = dict(Region.choices)
    records = (
        Initiative.objects.published()
        .filter(years.q("start_date__year"), countries__isnull=False)
        .values(region=F("countries__region"))
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "region")
    )
    return Table(["World region", "Initiatives"], [[labels.get(r["region"], r["region"]), r["n"]] for r in records])


def initiatives_by_country(years, limit=20):
    records = (
        Initiative.objects.published()
        .filter(years.q("start_date__year"), countries__isnull=False)
        .values(name=F("countries__name"), name_ja=F("countries__name_ja"), iso2=F("countries__iso2"))
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "name")[:limit]
    )
    rows = [[r["name"], r["iso2"], r["n"]] for r in records]
    japanese = is_japanese()
    names = {r["iso2"]: (r["name_ja"] if japanese else "") or r["name"] for r in records}
    return Table(["Country", "ISO code", "Initiatives"], rows, names)


def funding_by_framework(years):
    records = (
        Initiative.objects.published()
        .filter(years.q("start_date__year"))
        .values(name=F("frameworks__name"))
        .annotate(total=Sum("funding_jpy"), n=Count("pk", distinct=True))
        .order_by(F("total").desc(nulls_last=True), "name")
    )
    rows = [[r["name"] or "(no framework)", r["n"], r["total"] or 0] for r in records]
    return Table(["Framework", "Initiatives", "Funding (JPY)"], rows)


def partnerships_by_prefecture(years):
    # A prefecture's own partnerships and those of its cities (a locality's prefecture is its parent).
    own = Q(japanese_locality__level=LocalityLevel.PREFECTURE) | Q(japanese_locality__parent__isnull=True)
    records = (
        SubnationalPartnership.objects.published()
        .filter(years.q("established"))
        .values(
            name=Case(When(own, then=F("japanese_locality__name")), default=F("japanese_locality__parent__name")),
            code=Case(
                When(own, then=F("japanese_locality__iso_code")), default=F("japanese_locality__parent__iso_code")
            ),
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
    )
    return Table(["Prefecture", "ISO code", "Partnerships"], [[r["name"], r["code"], r["n"]] for r in records])


def partnerships_by_country(years):
    records = (
        SubnationalPartnership.objects.published()
        .filter(years.q("established"))
        .values(name=F("foreign_locality__country__name"), iso2=F("foreign_locality__country__iso2"))
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
    )
    return Table(["Partner country", "ISO code", "Partnerships"], [[r["name"], r["iso2"], r["n"]] for r in records])


def researchers_by_english_and_stage(years):
    """Not dated: a researcher's English level has no year, so the year range does not apply."""
    records = Researcher.objects.published().values("english_level", "career_stage").annotate(n=Count("pk")).order_by()
    # "B2", not "B2 (upper intermediate)": short enough for the chart's axis.
    english = {value: label.split(" (")[0] for value, label in EnglishLevel.choices}
    stages = dict(CareerStage.choices)
    records = [
        {"english": english[r["english_level"]], "stage": stages[r["career_stage"]], "n": r["n"]} for r in records
    ]
    return crosstab(records, "english", "stage", list(english.values()), list(stages.values()), "English level")


def exchanges_by_year(years):
    records = list(
        Exchange.objects.published()
        .filter(years.q("start_date__year"))
        .values("direction", year=ExtractYear("start_date"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(r["year"], r["direction"]): r["n"] for r in records}
    directions = [ExchangeDirection.OUTBOUND, ExchangeDirection.INBOUND]
    rows = [[year, *(counts.get((year, d), 0) for d in directions)] for year in year_span(r["year"] for r in records)]
    return Table(["Year", "Abroad (outbound)", "Into Japan (inbound)"], rows)
