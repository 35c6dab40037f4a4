"""The reports on ``/reports/``: what each one counts, its table and the chart drawn from that table."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from bilingual.content import format_yen

from . import charts, maps, queries


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    description: str
    table: object  # callable(YearRange) -> queries.Table; one grouped query
    chart: object  # callable(Table, narrow) -> charts.Chart; narrow: the phone's version
    dated: bool = True  # False: the year range does not apply

    def build(self, years):
        """The table, and its chart for wide screens and for phones (``None`` when there is nothing to draw)."""
        table = self.table(years)
        if not table.rows:
            return table, None, None
        return table, self.chart(table, narrow=False), self.chart(table, narrow=True)


def bars(label_column, value_column, value_format=charts.fmt):
    def chart(table, narrow):
        labels = [r[label_column] for r in table.rows]
        values = [r[value_column] for r in table.rows]
        if narrow:
            return charts.bar_chart(labels, values, width=charts.NARROW, bar_height=16, value_format=value_format)
        return charts.bar_chart(labels, values, value_format=value_format)

    return chart


def _stacked(categories, series, narrow):
    if narrow:
        return charts.stacked_rows_chart(categories, series)
    return charts.stacked_bar_chart(categories, series)


def stacked_by_column(table, narrow):
    """Columns of a cross-tab (years) along the x axis, its rows (policy areas) stacked."""
    return _stacked(table.columns[1:-1], [(row[0], row[1:-1]) for row in table.rows], narrow)


def stacked_by_row(table, narrow):
    """Rows of a cross-tab (English levels) along the x axis, its columns (career stages) stacked."""
    series = [(name, [row[i + 1] for row in table.rows]) for i, name in enumerate(table.columns[1:-1])]
    return _stacked([row[0] for row in table.rows], series, narrow)


def lines(table, narrow):
    return charts.line_chart(
        [row[0] for row in table.rows],
        [(name, [row[i + 1] for row in table.rows]) for i, name in enumerate(table.columns[1:])],
        width=charts.NARROW if narrow else charts.WIDE,
    )


REPORTS = [
    Report(
        "initiatives-by-policy-area",
        _("Initiatives per policy area per year"),
        _("Published initiatives by the year they started; an initiative in two areas counts in both."),
        queries.initiatives_by_area_and_year,
        stacked_by_column,
    ),
    Report(
        "initiatives-by-region",
        _("Initiatives by partner world region"),
        _(
            "Published initiatives with a partner country in each region; "
            "one with partners in two regions counts in both."
        ),
        queries.initiatives_by_region,
        bars(0, 1),
    ),
    Report(
        "initiatives-by-country",
        _("Top 20 partner countries"),
        _("The 20 countries that take part in the most published initiatives."),
        queries.initiatives_by_country,
        bars(0, 2),
    ),
    Report(
        "funding-by-framework",
        _("Funding by framework"),
        _(
            "Total recorded funding (yen) of published initiatives in each framework; "
            "an initiative in two frameworks counts in both."
        ),
        queries.funding_by_framework,
        bars(0, 2, value_format=format_yen),
    ),
    Report(
        "partnerships-by-prefecture",
        _("Partnerships by Japanese prefecture"),
        _("Published partnerships of each prefecture and its cities and towns, by the year established."),
        queries.partnerships_by_prefecture,
        bars(0, 2),
    ),
    Report(
        "partnerships-by-country",
        _("Partnerships by partner country"),
        _("Published partnerships by the country of the partner abroad, by the year established."),
        queries.partnerships_by_country,
        bars(0, 2),
    ),
    Report(
        "researchers-by-english-level",
        _("Researchers by English level and career stage"),
        _(
            "Published researchers by self-reported CEFR level: the language barrier the register tracks. "
            "Not dated, so the year range does not apply."
        ),
        queries.researchers_by_english_and_stage,
        stacked_by_row,
        dated=False,
    ),
    Report(
        "exchanges-by-year",
        _("Exchanges abroad and into Japan per year"),
        _("Research stays of published researchers by the year they began: outbound from Japan and inbound to Japan."),
        queries.exchanges_by_year,
        lines,
    ),
]

# The maps (issue 13): their chart is a maps.Figure, which the report's template writes as it is.
REPORTS += [
    Report(
        "initiatives-world-map",
        _("Partner countries on the world map"),
        _("Published initiatives with each partner country, by the year they started."),
        maps.initiatives_by_country,
        maps.world_map,
    ),
    Report(
        "partnership-lines",
        _("Partnerships as lines between Japan and abroad"),
        _(
            "Published partnerships by the year established, per pair of localities; a locality without "
            "coordinates is drawn at its parent's."
        ),
        maps.partnership_pairs,
        maps.lines,
    ),
]

BY_SLUG = {report.slug: report for report in REPORTS}
