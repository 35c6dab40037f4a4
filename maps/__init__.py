"""Maps and timelines: plain data in, server-rendered SVG figures out (no register is imported here).

    world_choropleth(counts, links=..., names=...)       {"FR": 12}      -> Figure
    japan_choropleth(counts, links=..., names=...)       {"JP-13": 5}    -> Figure
    partnership_lines(ties)                              [Tie(Place, Place)] -> Figure
    year_histogram(counts, links=..., active=(from, to)) {2019: 4}       -> Figure

A ``Figure`` writes itself in a template (``{{ figure }}``) and carries its table's rows.
"""

from .choropleth import japan_choropleth, world_choropleth
from .figure import Figure
from .histogram import year_histogram
from .lines import Place, Tie, partnership_lines

__all__ = ["Figure", "Place", "Tie", "japan_choropleth", "partnership_lines", "world_choropleth", "year_histogram"]
