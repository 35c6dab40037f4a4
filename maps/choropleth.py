"""Choropleths: the world by ISO 3166-1 alpha-2 code, Japan by prefecture (ISO 3166-2, ``JP-01``…``JP-47``).

Each area with a count is a link (``<a href>`` in the SVG: reached with Tab, followed with Enter) with a
``<title>`` tooltip "Name: count"; areas without one are drawn in the "no results" colour and hidden from
assistive technology, which reads the same numbers in the table below the map.
"""

from django.utils.translation import gettext as _

from . import scale, shapes, svg
from .figure import Cell, LegendItem, Row, cached, numbers, render, span

# Countries drawn smaller than this (in the world map's units, 1000 across) also get a dot, so a count
# for Singapore or Malta can be seen and clicked.
SMALL = 7
DOT_RADIUS = 3.5


def world_choropleth(counts, *, links, names, title=None, caption=None, element_id="world-map"):
    """A world map of ``counts`` ({"FR": 12, ...}).

    ``links`` ({iso2: URL}) and ``names`` ({iso2: name in the page's language}) cover the keys of
    ``counts``; a key without a name shows its code. Unknown keys (no shape) are listed in the table
    and a note, never dropped. Zero counts are drawn as "no results".
    """
    title = title or _("Results by country")
    inputs = [dict(counts), dict(links), dict(names), title, caption, element_id]
    return cached("world", inputs, lambda: _world(counts, links, names, title, caption, element_id))


def japan_choropleth(counts, *, links, names, title=None, caption=None, element_id="japan-map"):
    """A map of Japan's 47 prefectures for ``counts`` ({"JP-13": 5, ...}); the rest as ``world_choropleth``.

    Okinawa and the Amami islands are drawn in a framed inset in the north-west corner, at the same
    scale; the Ogasawara islands (Tokyo) are not drawn, their count stays in Tokyo's.
    """
    title = title or _("Results by prefecture")
    inputs = [dict(counts), dict(links), dict(names), title, caption, element_id]
    return cached("japan", inputs, lambda: _japan(counts, links, names, title, caption, element_id))


def _world(counts, links, names, title, caption, element_id):
    data = shapes.world()
    background = svg.empty("path", d=data["sphere"], class_="map-sphere", fill="#f4f8fb", stroke="#c9d3dd")
    background += "".join(svg.empty("path", d=d, fill=scale.NO_RESULTS) for d in data["other"])
    body = _areas(data["countries"], counts, links, names, small=True)
    return _figure(
        "world", data["viewbox"], background, body, counts, links, names, title, caption, element_id,
        _("Country"), set(data["countries"]),
    )  # fmt: skip


def _japan(counts, links, names, title, caption, element_id):
    data = shapes.japan()
    x, y, width, height = data["inset"]
    background = svg.empty(
        "rect", x=x, y=y, width=width, height=height, rx=4, class_="map-inset", fill="#f4f8fb", stroke="#9aa5b1"
    )
    body = _areas(data["prefectures"], counts, links, names, small=False)
    return _figure(
        "japan", data["viewbox"], background, body, counts, links, names, title, caption, element_id,
        _("Prefecture"), set(data["prefectures"]),
    )  # fmt: skip


def _areas(areas, counts, links, names, *, small):
    """The shapes: those without results first (a plain group hidden from assistive technology), then one
    link per area with results, so a focused area's outline is drawn above its neighbours'."""
    bins = scale.bins(counts.values())
    tooltip, number = _("%(name)s: %(count)s"), numbers()
    quiet, linked = [], []
    for key in sorted(areas):
        area = areas[key]
        count = counts.get(key, 0)
        bin_ = scale.colour(count, bins)
        if bin_ is None:
            quiet.append(svg.empty("path", d=area["d"], fill=scale.NO_RESULTS))
            continue
        shape = svg.empty("path", d=area["d"], fill=bin_.colour, class_=f"map-area map-bin-{bin_.index}")
        if small and area.get("extent", SMALL) < SMALL:
            cx, cy = area["point"]
            shape += svg.empty("circle", cx=cx, cy=cy, r=DOT_RADIUS, fill=bin_.colour, class_="map-dot")
        name = names.get(key, key)
        content = svg.title(tooltip % {"name": name, "count": number(count)}) + shape
        linked.append(svg.element("a", content, href=links.get(key) or None, class_="map-link", data_key=key))
    return svg.element(
        "g", "".join(quiet), class_="map-quiet", stroke="#ffffff", stroke_width="0.5", aria_hidden="true"
    ) + svg.element("g", "".join(linked), class_="map-areas", stroke="#ffffff", stroke_width="0.5")


def legend(bins):
    return [*(LegendItem(span(b.low, b.high), b.colour) for b in bins), LegendItem(_("No results"), scale.NO_RESULTS)]


def _figure(kind, viewbox, background, body, counts, links, names, title, caption, element_id, heading, known):
    ranked = sorted((key for key, count in counts.items() if count > 0), key=lambda k: (-counts[k], names.get(k, k)))
    rows = [
        Row(cells=(Cell(names.get(key, key), links.get(key, "")),), count=counts[key], drawn=key in known)
        for key in ranked
    ]
    unknown = [row for row in rows if not row.drawn]
    notes = [_("Not on the map (no shape): %(names)s") % {"names": ", ".join(r.cells[0].text for r in unknown)}]
    return render(
        kind=kind,
        element_id=element_id,
        content=background + body,
        viewbox=viewbox,
        title=title,
        caption=caption,
        headings=(heading, _("Results")),
        rows=rows,
        legend=legend(scale.bins(counts.values())),
        notes=notes if unknown else (),
    )
