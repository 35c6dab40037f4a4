"""The map data in ``maps/data/`` (built by ``make maps``) and the world map's projection.

The shapes are already projected into SVG coordinates. The world projection (Equal Earth centred on
150°E, as d3-geo computed it for the shapes) is repeated here for points known only at run time: the
ends of partnership lines. ``tests/test_maps_data.py`` checks that both agree.
"""

import json
import math
import re
from functools import cache
from pathlib import Path

from django.utils.safestring import mark_safe

DATA = Path(__file__).resolve().parent / "data"

# Equal Earth (Šavrič, Patterson and Jenny, 2018), as d3-geo's geoEqualEarthRaw.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


PATH_DATA = re.compile(r"[MLZ0-9.,-]*")


@cache
def load(name):
    """The parsed ``maps/data/<name>.json``: read once per process, never changed.

    Path data is checked to hold only path commands and numbers, then marked safe, so writing a map does
    not escape some hundred kilobytes of digits on every render.
    """
    with (DATA / f"{name}.json").open(encoding="utf-8") as file:
        data = json.load(file)
    for areas in (data.get("countries", {}), data.get("prefectures", {})):
        for area in areas.values():
            area["d"] = _path(area["d"])
    if "other" in data:
        data["other"] = [_path(d) for d in data["other"]]
    return data


def _path(d):
    if not PATH_DATA.fullmatch(d):
        raise ValueError(f"unexpected characters in map path data: {d[:60]!r}")
    return mark_safe(d)  # noqa: S308 - only path commands and numbers, checked above


def world():
    """{"countries": {iso2: {"d", "centroid", "point", "extent"}}, "other", "sphere", "viewbox", "projection"}."""
    return load("world")


def japan():
    """{"prefectures": {"JP-01": {"d", "centroid", "point"}}, "inset": [x, y, w, h], "viewbox"}."""
    return load("japan")


def subdivisions():
    """{ISO 3166-2 code: {"centroid": [lat, lon], "geonames_admin1": "US.CA"}} from Natural Earth's admin-1."""
    return load("places")["subdivisions"]


def rotated_longitude(lon):
    """Longitude in degrees relative to the world map's central meridian, in [-180, 180)."""
    shift = world()["projection"]["rotate"][0]
    return (lon + shift + 180) % 360 - 180


def project(lat, lon):
    """(x, y) in the world map's SVG coordinates for a point in degrees."""
    projection = world()["projection"]
    lam, phi = math.radians(rotated_longitude(lon)), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    scale = projection["scale"]
    tx, ty = projection["translate"]
    return tx + scale * x, ty - scale * y
