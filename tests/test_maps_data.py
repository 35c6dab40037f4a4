"""The committed map data: keys, the projection repeated in Python, and a rebuild from the pinned packages."""

import shutil

import pycountry
import pytest

from maps import build, coordinates, shapes
from tests.browser.helpers import PROJECT_ROOT, missing


def test_every_country_key_is_an_iso_3166_1_alpha_2_code_or_kosovo():
    codes = {country.alpha_2 for country in pycountry.countries} | {"XK"}
    keys = set(shapes.world()["countries"])
    assert keys <= codes
    assert len(keys) > 230


def test_no_shape_is_wound_inside_out_to_cover_the_whole_map():
    """A ring wound the wrong way is drawn by d3 as the whole sphere but that ring."""
    sphere = _area(shapes.world()["sphere"])
    # Equal Earth keeps areas: Russia, the largest country, is about 3% of the Earth's surface.
    assert max(_area(country["d"]) for country in shapes.world()["countries"].values()) < sphere * 0.05
    assert shapes.world()["viewbox"][3] < shapes.world()["viewbox"][2] * 0.45  # no Antarctica: 0.44 as high as wide


def test_france_norway_and_kosovo_are_keyed_despite_natural_earths_minus_99_codes():
    countries = shapes.world()["countries"]
    assert {"FR", "NO", "XK", "JP", "US", "CN", "TW", "KR", "SG", "MT"} <= set(countries)


def test_somaliland_and_northern_cyprus_are_drawn_as_part_of_their_country_not_as_keys():
    countries = shapes.world()["countries"]
    assert "SO" in countries and "CY" in countries
    # No other key may hold them: every key is an ISO code (checked above); Antarctica is left out on purpose.
    assert "AQ" not in countries


def test_the_world_map_keeps_japans_northern_territories_and_puts_crimea_in_ukraine():
    """The two changes the build makes to Natural Earth's de facto boundaries."""
    countries = shapes.world()["countries"]
    x, y = shapes.project(44.05, 145.85)  # Kunashiri: a small island, drawn as a few points of its own
    assert any(abs(cx - x) < 2 and abs(cy - y) < 2 for cx, cy in _ring_centres(countries["JP"]["d"]))
    assert not any(abs(cx - x) < 2 and abs(cy - y) < 2 for cx, cy in _ring_centres(countries["RU"]["d"]))
    x, y = shapes.project(44.95, 34.1)  # Simferopol
    assert _path_contains(countries["UA"]["d"], x, y)
    assert not _path_contains(countries["RU"]["d"], x, y)


def _rings(d):
    """The rings of an SVG path of M/L/Z commands (as d3-geo writes them), as lists of points."""
    return [[tuple(map(float, pair.split(","))) for pair in ring.rstrip("Z").split("L")] for ring in d.split("M")[1:]]


def _ring_centres(d):
    return [(sum(x for x, _ in r) / len(r), sum(y for _, y in r) / len(r)) for r in _rings(d)]


def _area(d):
    """The area of every ring of the path (shoelace), added up."""
    total = 0.0
    for points in _rings(d):
        pairs = zip(points, points[1:] + points[:1], strict=True)
        total += abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2
    return total


def _path_contains(d, x, y):
    """Even-odd point-in-polygon over every ring of the path."""
    inside = False
    for points in _rings(d):
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_japan_has_its_47_prefectures_keyed_by_iso_3166_2():
    prefectures = shapes.japan()["prefectures"]
    assert sorted(prefectures) == [f"JP-{n:02}" for n in range(1, 48)]
    assert all(row["d"].startswith("M") for row in prefectures.values())


def test_okinawa_is_drawn_inside_the_inset_frame():
    x, y, width, height = shapes.japan()["inset"]
    px, py = shapes.japan()["prefectures"]["JP-47"]["point"]
    assert x < px < x + width and y < py < y + height


def test_the_python_projection_agrees_with_d3_for_every_country_centroid():
    for key, country in shapes.world()["countries"].items():
        x, y = shapes.project(*country["centroid"])
        assert abs(x - country["point"][0]) <= 0.06 and abs(y - country["point"][1]) <= 0.06, key


def test_prefecture_centroids_lie_in_their_prefecture():
    # Known points: Tokyo's centroid is west of the bay, Hokkaido's inland, Okinawa's on the main island.
    assert coordinates.subdivision("JP-13") == pytest.approx((35.70, 139.43), abs=0.1)
    assert coordinates.subdivision("JP-01") == pytest.approx((43.4, 142.6), abs=0.3)
    assert coordinates.subdivision("JP-47") == pytest.approx((26.5, 127.97), abs=0.2)


def test_the_committed_data_is_what_the_pinned_packages_build():
    if shutil.which("node") is None or not (PROJECT_ROOT / "node_modules" / "world-atlas").exists():
        missing("node and `npm ci` are needed to rebuild maps/data (make test installs them)")
    built = build.build()
    for name, text in built.items():
        committed = (build.DATA / f"{name}.json").read_text(encoding="utf-8")
        assert committed == text, f"maps/data/{name}.json differs from its build: run `make maps`"
