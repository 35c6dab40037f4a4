"""The figures of each report: one grouped query over published data, shaped into a table.

Every function takes a ``YearRange`` and returns a ``Table`` (column headers, rows of cells). The
cells are plain values, so the same table renders on the page and downloads as CSV or XLSX.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, F, Q, Sum, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext

from directory.models import LocalityLevel, Region
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import CareerStage, EnglishLevel, Exchange, ExchangeDirection, Researcher

from .labels import Name, total


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


def year_span(years):
    """Every year from the first to the last, so charts show empty years as zero."""
    years = [y for y in years if y is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def crosstab(records, row_key, column_key, row_order, column_order, first_header, row_names=None):
    """Rows × columns of counts with a total column; rows and columns in the given order, empty rows dropped.

    ``row_order`` holds the rows' keys in ``records``; ``row_names`` (default: the keys) what the table shows.
    """
    counts = defaultdict(int)
    for record in records:
        counts[record[row_key], record[column_key]] += record["n"]
    rows = []
    for row in row_order:
        cells = [counts[row, column] for column in column_order]
        if any(cells):
            rows.append([(row_names or {}).get(row, row), *cells, sum(cells)])
    return Table([first_header, *column_order, total()], rows)


def initiatives_by_area_and_year(years):
    records = list(
        Initiative.objects.published()
        .filter(years.q("start_date__year"), start_date__isnull=False, policy_areas__isnull=False)
        .values(area=F("policy_areas__name"), area_ja=F("policy_areas__name_ja"), year=ExtractYear("start_date"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    names = {r["area"]: Name(r["area"], r["area_ja"]) for r in records}
    areas = sorted(names, key=names.get)
    columns = year_span(r["year"] for r in records)
    return crosstab(records, "area", "year", areas, columns, gettext("Policy area"), row_names=names)


def initiatives_by_region(years):
    labels = dict(Region.choices)
    records = (
        Initiative.objects.published()
        .filter(years.q("start_date__year"), countries__isnull=False)
        .values(region=F("countries__region"))
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "region")
    )
    rows = [[str(labels.get(r["region"], r["region"])), r["n"]] for r in records]
    return Table([gettext("World region"), gettext("Initiatives")], rows)


def initiatives_by_country(years, limit=20):
    records = (
        Initiative.objects.published()
        .filter(years.q("start_date__year"), countries__isnull=False)
        .values(name=F("countries__name"), name_ja=F("countries__name_ja"), iso2=F("countries__iso2"))
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "name")[:limit]
    )
    rows = [[Name(r["name"], r["name_ja"]), r["iso2"], r["n"]] for r in records]
    return Table([gettext("Country"), gettext("ISO code"), gettext("Initiatives")], rows)


def funding_by_framework(years):
    """Frameworks whose initiatives record no funding have ``None`` (not recorded), never 0."""
    records = (
        Initiative.objects.published()
        .filter(years.q("start_date__year"))
        .values(name=F("frameworks__name"), name_ja=F("frameworks__name_ja"))
        .annotate(total=Sum("funding_jpy"), n=Count("pk", distinct=True))
        .order_by(F("total").desc(nulls_last=True), "name")
    )
    no_framework = gettext("(no framework)")
    rows = [[Name(r["name"], r["name_ja"]) if r["name"] else no_framework, r["n"], r["total"]] for r in records]
    return Table([gettext("Framework"), gettext("Initiatives"), gettext("Funding (JPY)")], rows)


def partnerships_by_prefecture(years):
    # A prefecture's own partnerships and those of its cities (a locality's prefecture is its parent).
    own = Q(japanese_locality__level=LocalityLevel.PREFECTURE) | Q(japanese_locality__parent__isnull=True)

    def prefecture(field):
        return Case(When(own, then=F(f"japanese_locality__{field}")), default=F(f"japanese_locality__parent__{field}"))

    records = (
        SubnationalPartnership.objects.published()
        .filter(years.q("established"))
        .values(name=prefecture("name"), name_ja=prefecture("name_ja"), code=prefecture("iso_code"))
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
    )
    rows = [[Name(r["name"], r["name_ja"]), r["code"], r["n"]] for r in records]
    return Table([gettext("Prefecture"), gettext("ISO code"), gettext("Partnerships")], rows)


def partnerships_by_country(years):
    records = (
        SubnationalPartnership.objects.published()
        .filter(years.q("established"))
        .values(
            name=F("foreign_locality__country__name"),
            name_ja=F("foreign_locality__country__name_ja"),
            iso2=F("foreign_locality__country__iso2"),
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
    )
    rows = [[Name(r["name"], r["name_ja"]), r["iso2"], r["n"]] for r in records]
    return Table([gettext("Partner country"), gettext("ISO code"), gettext("Partnerships")], rows)


def researchers_by_english_and_stage(years):
    """Not dated: a researcher's English level has no year, so the year range does not apply."""
    records = Researcher.objects.published().values("english_level", "career_stage").annotate(n=Count("pk")).order_by()
    # "B2", not "B2 (upper intermediate)": short enough for the chart's axis. An unknown level is "not recorded".
    english = {value: str(label).split(" (")[0].split("（")[0] for value, label in EnglishLevel.choices}
    english[EnglishLevel.UNKNOWN] = gettext("Not recorded")
    stages = {value: str(label) for value, label in CareerStage.choices}
    records = [
        {"english": english[r["english_level"]], "stage": stages[r["career_stage"]], "n": r["n"]} for r in records
    ]
    first = gettext("English level")
    return crosstab(records, "english", "stage", list(english.values()), list(stages.values()), first)


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
    return Table([gettext("Year"), gettext("Abroad (outbound)"), gettext("Into Japan (inbound)")], rows)
