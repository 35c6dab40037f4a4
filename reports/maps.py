"""The reports' maps, for the page's year range: the initiatives' partner countries on the world map and the
partnerships as lines between Japan and abroad. Their numbers are the report's table, so they download as
CSV or XLSX like every other report's."""

from django.utils.translation import gettext_lazy as _

from maps import partnership_lines, world_choropleth
from partnerships.figures import ties
from partnerships.models import SubnationalPartnership
from search.urls import search_url

from . import queries


def initiatives_by_country(years):
    """Every partner country (not the top 20 of the bar chart): one grouped query."""
    return queries.initiatives_by_country(years, limit=None)


def world_map(table, narrow=False):
    if narrow:
        return None  # one drawing: the map scales to a phone's width
    counts = {iso2: n for _name, iso2, n in table.rows}
    names = {iso2: name for name, iso2, _n in table.rows}  # Name cells: already in the page's language
    return world_choropleth(
        counts,
        links={iso2: search_url("initiatives", country=iso2) for iso2 in counts},
        names=names,
        title=_("Initiatives by partner country"),
        element_id="report-world-map",
    )


class LinesTable(queries.Table):
    """The pairs of localities as rows, and the ``Tie``s the map is drawn from."""

    def __init__(self, found):
        rows = sorted(([t.japan.name, t.abroad.name, t.count] for t in found), key=lambda r: (-r[2], r[0], r[1]))
        super().__init__(["Japanese side", "Partner abroad", "Partnerships"], rows)
        self.ties = found


def partnership_pairs(years):
    """Published partnerships established in the range, per pair of localities: two queries."""
    return LinesTable(ties(SubnationalPartnership.objects.published().filter(years.q("established"))))


def lines(table, narrow=False):
    if narrow:
        return None  # one drawing: the map scales to a phone's width
    return partnership_lines(table.ties, element_id="report-lines-map")
