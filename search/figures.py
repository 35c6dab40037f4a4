"""The maps and timeline of a search page (``Register.figures``), drawn by ``maps`` from the counts the search
has already read: the world and Japan maps from facet counts, the timeline from the year counts of the same
query (``bitmaps.count``): no query of their own. A register's lines map (``Figures.lines``) reads its own.

Every country, prefecture and bar links to the same search narrowed to it, so a click (or Enter) on the map
does what ticking the facet value or typing the years would do.
"""

from urllib.parse import urlencode

from django.conf import settings

from maps import japan_choropleth, world_choropleth, year_histogram

ENABLED_SETTING = "SEARCH_FIGURES"  # off: pages without them (the benchmark's comparison)


def enabled():
    return getattr(settings, ENABLED_SETTING, True)  # a project without the setting draws them


def figures(search, list_url):
    """The page's figures (``maps.Figure``), in the order they are shown: world map, Japan map, timeline."""
    declared = search.register.figures
    shown = [world_map(search, list_url), japan_map(search, list_url)]
    if declared.years and search.count_years:
        shown.append(timeline(search, declared.years, declared.years_title, list_url))
    if declared.lines:
        shown.append(declared.lines(search.filtered(), title=str(declared.lines_title) or None))
    return [figure for figure in shown if figure is not None]


def world_map(search, list_url):
    """The register's world map of the search, or None (no ``Figures.world``, or no country counted)."""
    declared = search.register.figures
    return _choropleth(world_choropleth, search, declared.world, declared.world_title, list_url, "world-map")


def japan_map(search, list_url):
    """The register's map of Japan's prefectures for the search, or None (no ``Figures.japan``, or no count)."""
    declared = search.register.figures
    return _choropleth(japan_choropleth, search, declared.japan, declared.japan_title, list_url, "japan-map")


def _choropleth(draw, search, facet_name, title, list_url, element_id):
    # A map without a count says nothing the "no results" line does not (a timeline shows the other years).
    counts = search.facet_counts()[facet_name] if facet_name else {}
    if not counts:
        return None
    labels = search.choices.get(facet_name, {})
    return draw(
        counts,
        links=adding(search.data, list_url, facet_name, counts),
        names={key: labels.get(key, key) for key in counts},
        title=str(title) or None,
        element_id=element_id,
    )


def timeline(search, field, title, list_url):
    low, high = search.register.range_bounds(field)
    counts = search.year_counts().get(field, {})
    active = (search.ranges.get(low), search.ranges.get(high))
    links = narrowed(search.data, list_url, [name for name in (low, high) if name], counts)
    return year_histogram(counts, links=links, active=active, title=str(title) or None, element_id="year-histogram")


def adding(querydict, list_url, name, values):
    """``{value: URL}``: the search with each value added to facet ``name`` (kept once), from its first page.
    The rest of the query is written once: a world map links some two hundred countries."""
    query = _first_page(querydict)
    base, selected = query.urlencode(), set(query.getlist(name))
    return {value: _url(list_url, base, () if value in selected else [(name, value)]) for value in values}


def narrowed(querydict, list_url, names, values):
    """``{value: URL}``: the search with each parameter of ``names`` set to the value (a year's bar sets
    ``year_from`` and ``year_to``), from its first page."""
    query = _first_page(querydict)
    for name in names:
        query.pop(name, None)
    base = query.urlencode()
    return {value: _url(list_url, base, [(name, value) for name in names]) for value in values}


def _first_page(querydict):
    query = querydict.copy()
    query.pop("page", None)
    return query


def _url(list_url, base, extra):
    added = urlencode(extra)
    return f"{list_url}?{base}{'&' if base and added else ''}{added}"
