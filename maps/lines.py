"""Who is tied to whom: partnerships as great-circle arcs from the Japanese side to the side abroad.

The caller describes each partnership's two sides as ``Place`` chains (locality → prefecture, or
city → state → country), each with coordinates where known. A side without coordinates takes its
nearest ancestor's; a tie with a side placed nowhere in its chain is listed as "not placed", never
dropped. Ties between the same two places are drawn once, with a width by their number; when there
are more lines than ``cap``, every tie is drawn between its sides' top-most ancestors instead
(prefecture → country), and past ``cap`` the lightest lines go to the table only.
"""

import math
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.templatetags.static import static
from django.utils.translation import gettext as _

from . import scale, shapes, svg
from .figure import Cell, LegendItem, Row, cached, number, numbers, render, span

CAP = 80  # lines drawn at most: more stay legible on a phone only as the table
SEGMENTS_PER_1000_KM = 1.5
LINE_COLOUR = "#3b528b"
WIDTHS = (1.2, 2.2, 3.4, 5)


@dataclass(frozen=True)
class Place:
    """One side of a tie, or one of its ancestors: ``key`` identifies it (an ISO code, or any unique key)."""

    key: str
    name: str
    lat: float | None = None
    lon: float | None = None
    url: str = ""
    parent: "Place | None" = None

    def placed(self):
        """The nearest place in this chain with coordinates (itself first), or None."""
        place = self
        while place is not None and (place.lat is None or place.lon is None):
            place = place.parent
        return place

    def root(self):
        place = self
        while place.parent is not None:
            place = place.parent
        return place


class Tie(NamedTuple):
    """Partnerships between two places: one, or ``count`` of them when the caller has grouped them already
    (a ``GROUP BY`` of the two localities is much cheaper than ten thousand ties). A named tuple: a search
    makes thousands, and a frozen dataclass costs several times as much to create."""

    japan: Place
    abroad: Place
    count: int = 1


def great_circle(start, end, steps):
    """``steps + 1`` points (lat, lon) from ``start`` to ``end`` along the shorter great circle (slerp)."""
    (lat1, lon1), (lat2, lon2) = start, end
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = (math.cos(p1) * math.cos(l1), math.cos(p1) * math.sin(l1), math.sin(p1))
    b = (math.cos(p2) * math.cos(l2), math.cos(p2) * math.sin(l2), math.sin(p2))
    angle = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True)))))
    if angle < 1e-9:
        return [start] * (steps + 1)
    points = []
    for i in range(steps + 1):
        t = i / steps
        wa, wb = math.sin((1 - t) * angle) / math.sin(angle), math.sin(t * angle) / math.sin(angle)
        x, y, z = (wa * u + wb * v for u, v in zip(a, b, strict=True))
        points.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    return points


def distance_km(start, end):
    return 6371.0 * math.radians(_angle(start, end))


def _angle(start, end):
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (start, end))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def arc_path(start, end):
    """SVG path data of the arc, broken where it crosses the edge of the map (the meridian opposite 150°E)."""
    steps = max(4, math.ceil(distance_km(start, end) / 1000 * SEGMENTS_PER_1000_KM))
    points = great_circle(start, end, steps)
    parts, previous = [], None
    for lat, lon in points:
        x, y = shapes.project(lat, lon)
        rotated = shapes.rotated_longitude(lon)
        command = "M" if previous is None or abs(rotated - previous) > 180 else "L"
        parts.append(f"{command}{x:.1f},{y:.1f}")
        previous = rotated
    return "".join(parts)


@dataclass(frozen=True)
class Line:
    japan: Place
    abroad: Place
    count: int


def aggregate(ties, cap=CAP):
    """(lines drawn, lines only in the table, ties not placed), lines heaviest first.

    Lines join placed places: a tie's own sides, or (when that gives more than ``cap`` lines) their
    top-most ancestors.
    """
    # One pass over the ties (an iterator is fine: none is kept), counting both ways at once: the own sides'
    # pairs until they are too many, and the tops' pairs.
    own, tops, not_placed, found, top = _Pairs(), _Pairs(), _Pairs(), {}, {}
    for tie in ties:
        japan, abroad = _placed(tie.japan, found), _placed(tie.abroad, found)
        if japan is None or abroad is None:
            not_placed.add(tie.japan, tie.abroad, tie.count)
            continue
        if own is not None:
            own.add(japan, abroad, tie.count)
            if len(own.counts) > cap:  # too many: the tops' lines are drawn
                own = None
        tops.add(_top(tie.japan, japan, top), _top(tie.abroad, abroad, top), tie.count)
    lines = (own if own is not None else tops).lines()
    return lines[:cap], lines[cap:], not_placed.lines()


def _placed(place, found):
    """``place.placed()``, found once per place in ``found`` (thousands of ties share a few hundred places)."""
    if place.key not in found:
        found[place.key] = place.placed()
    return found[place.key]


def _top(place, placed, tops):
    """The top-most ancestor of ``place`` with coordinates (``placed``, its own, when that has none), found once
    per place in ``tops``."""
    if place.key not in tops:
        tops[place.key] = place.root().placed() or placed
    return tops[place.key]


class _Pairs:
    """Counts per pair of places, by their keys (places of the same key are the same place)."""

    def __init__(self):
        self.counts = Counter()
        self.places = {}

    def add(self, japan, abroad, count):
        key = (japan.key, abroad.key)
        self.counts[key] += count
        self.places.setdefault(key, (japan, abroad))

    def lines(self):
        """Heaviest first, then by name: the same order for the same ties, whatever order they came in."""
        found = [Line(*self.places[key], count) for key, count in self.counts.items()]
        return sorted(
            found, key=lambda line: (-line.count, line.japan.name, line.abroad.name, line.japan.key, line.abroad.key)
        )


def width_classes(counts):
    """Stroke widths by number of ties, in up to four classes with round limits (as the colour scale)."""
    spans = scale.limits(counts, classes=len(WIDTHS))
    if len(spans) == 1:
        return [(spans[0], WIDTHS[1])]
    last = len(WIDTHS) - 1
    return [(span, WIDTHS[round(i * last / (len(spans) - 1))]) for i, span in enumerate(spans)]


# The land under the lines is the same on every page: one static file (written by `make maps` from the same
# shapes, checked by the tests), fetched once and cached by the browser, instead of some 90 KB of country paths in
# every page that draws lines.
LAND_FILE = "maps/world-land.svg"


def land_svg():
    """The standalone SVG of the world's land and sphere under the lines (``LAND_FILE``)."""
    data = shapes.world()
    sphere = svg.empty("path", d=data["sphere"], fill="#f4f8fb", stroke="#c9d3dd")
    land = "".join(svg.empty("path", d=c["d"]) for _, c in sorted(data["countries"].items()))
    land += "".join(svg.empty("path", d=d) for d in data["other"])
    land = svg.element("g", land, fill="#e3e6ea", stroke="#ffffff", stroke_width="0.5")
    return svg.element("svg", sphere + land, xmlns=svg.SVG_NS, viewBox=" ".join(map(str, data["viewbox"]))) + "\n"


def partnership_lines(ties, *, title=None, caption=None, element_id="lines-map", cap=CAP):
    """A world map with one arc per pair of places (``Tie``s), the table of every pair, and the ties not placed."""
    title = title or _("Partnerships between Japan and abroad")
    drawn, overflow, missing = aggregate(ties, cap)
    # The figure depends on the ties only through these lines: they are the cache key, and much smaller.
    inputs = [[_line_key(line) for line in group] for group in (drawn, overflow, missing)]
    return cached(
        "lines",
        [inputs, title, caption, element_id],
        lambda: _lines(drawn, overflow, missing, title, caption, element_id),
    )


def _line_key(line):
    return [[p.key, p.name, p.lat, p.lon, p.url] for p in (line.japan, line.abroad)] + [line.count]


def _lines(drawn, overflow, missing, title, caption, element_id):
    data = shapes.world()
    widths = width_classes([line.count for line in drawn])

    def width(count):
        return next(w for (low, high), w in widths if low <= count <= high)

    x, y, w, h = data["viewbox"]
    background = svg.empty("image", href=static(LAND_FILE), x=x, y=y, width=w, height=h, aria_hidden="true")
    arcs, ends = [], {}
    label_format, count_format = _("%(from)s – %(to)s: %(count)s"), numbers()
    for line in reversed(drawn):  # the heaviest last, on top
        start, end = (line.japan.lat, line.japan.lon), (line.abroad.lat, line.abroad.lon)
        label = label_format % {"from": line.japan.name, "to": line.abroad.name, "count": count_format(line.count)}
        path = svg.empty("path", d=arc_path(start, end), stroke_width=width(line.count), class_="map-arc")
        arcs.append(svg.element("g", svg.title(label) + path))
        for place in (line.japan, line.abroad):
            ends[place.key] = place
    dots = "".join(
        svg.empty("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="2.2")
        for x, y in sorted(shapes.project(p.lat, p.lon) for p in ends.values())
    )
    body = svg.element(
        "g", "".join(arcs), fill="none", stroke=LINE_COLOUR, stroke_opacity="0.75", stroke_linecap="round"
    ) + svg.element("g", dots, fill="#1b1f24", stroke="#ffffff", stroke_width="0.6", aria_hidden="true")

    def row(line, drawn_):
        return Row(
            cells=(Cell(line.japan.name, line.japan.url), Cell(line.abroad.name, line.abroad.url)),
            count=line.count,
            drawn=drawn_,
        )

    rows = [row(line, True) for line in drawn] + [row(line, False) for line in overflow]
    notes = []
    if overflow:
        notes.append(
            _("The map draws the %(drawn)s largest of %(total)s lines; the table lists them all.")
            % {"drawn": number(len(drawn)), "total": number(len(drawn) + len(overflow))}
        )
    legend = [LegendItem(span(low, high), LINE_COLOUR, stroke_width=w) for (low, high), w in widths]
    return render(
        kind="lines",
        element_id=element_id,
        content=background + body,
        viewbox=data["viewbox"],
        title=title,
        caption=caption,
        role="img",
        headings=(_("Japan"), _("Abroad"), _("Partnerships")),
        rows=rows,
        legend=legend,
        not_placed=[row(line, False) for line in missing],
        notes=notes,
    )
