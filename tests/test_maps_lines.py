"""Partnership lines: great circles, aggregation, the cap, "not placed", size (maps.lines)."""

import math
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static

from maps import Place, Tie, partnership_lines, shapes
from maps.lines import LAND_FILE, aggregate, arc_path, distance_km, great_circle, land_svg

from . import maps_samples as samples
from .maps_checks import assert_no_inline_style, gzip_size, svg_of

TOKYO = Place("JP-13", "Tokyo", 35.68, 139.69)
OSAKA = Place("JP-27", "Osaka", 34.69, 135.50)
KOBE = Place("JP-28/Kobe", "Kobe", 34.69, 135.18, parent=Place("JP-28", "Hyogo", 34.9, 134.8))
USA = Place("US", "United States", 39.5, -98.4)
CALIFORNIA = Place("US-CA", "California", 37.2, -119.5, parent=USA)
SEATTLE = Place(
    "US-WA/Seattle", "Seattle", 47.61, -122.33, parent=Place("US-WA", "Washington", 47.4, -120.5, parent=USA)
)
NOWHERE = Place("XX-1", "Unknown town", None, None)


def test_great_circle_between_two_points_on_the_equator_follows_the_equator():
    points = great_circle((0, 0), (0, 90), 6)
    assert [lat for lat, _ in points] == pytest.approx([0] * 7, abs=1e-9)
    assert [lon for _, lon in points] == pytest.approx([0, 15, 30, 45, 60, 75, 90])


def test_great_circle_midpoint_of_two_points_on_a_meridian_is_halfway():
    assert great_circle((10, 20), (50, 20), 2)[1] == pytest.approx((30, 20))


def test_great_circle_from_tokyo_to_new_york_reaches_the_vertex_clairauts_relation_gives():
    """About 10,850 km, and its northernmost point at acos(|sin(initial course)·cos(start latitude)|), near 70°N."""
    (lat1, lon1), (lat2, lon2) = (35.68, 139.69), (40.71, -74.01)
    points = great_circle((lat1, lon1), (lat2, lon2), 2000)
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    course = math.atan2(
        math.sin(dl) * math.cos(p2), math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    )
    vertex = math.degrees(math.acos(abs(math.sin(course) * math.cos(p1))))
    assert distance_km((lat1, lon1), (lat2, lon2)) == pytest.approx(10_850, rel=0.01)
    assert max(lat for lat, _ in points) == pytest.approx(vertex, abs=0.01)
    assert vertex > 69
    assert points[0] == pytest.approx((lat1, lon1)) and points[-1] == pytest.approx((lat2, lon2))


def test_an_arc_crossing_the_maps_edge_is_broken_there():
    # The map is centred on 150°E: its edge is the meridian 30°W. Reykjavik to Nuuk crosses it.
    path = arc_path((64.15, -21.94), (64.18, -51.72))
    assert path.count("M") == 2
    assert arc_path((35.68, 139.69), (47.61, -122.33)).count("M") == 1


def test_arc_ends_are_the_projected_places():
    path = arc_path((35.68, 139.69), (47.61, -122.33))
    x, y = shapes.project(35.68, 139.69)
    assert path.startswith(f"M{x:.1f},{y:.1f}")


def test_ties_between_the_same_places_become_one_line_with_their_number():
    drawn, overflow, missing = aggregate([Tie(TOKYO, CALIFORNIA), Tie(TOKYO, CALIFORNIA), Tie(OSAKA, SEATTLE)])
    assert [(line.japan.key, line.abroad.key, line.count) for line in drawn] == [
        ("JP-13", "US-CA", 2),
        ("JP-27", "US-WA/Seattle", 1),
    ]
    assert overflow == [] and missing == []


def test_ties_grouped_by_the_caller_count_as_many():
    drawn, _, missing = aggregate(
        [Tie(TOKYO, CALIFORNIA, count=40), Tie(TOKYO, CALIFORNIA), Tie(OSAKA, NOWHERE, count=3)]
    )
    assert [(line.japan.key, line.abroad.key, line.count) for line in drawn] == [("JP-13", "US-CA", 41)]
    assert [(line.japan.key, line.abroad.key, line.count) for line in missing] == [("JP-27", "XX-1", 3)]


def test_the_same_place_from_different_records_is_one_end():
    """Places are matched by key: two records of Tokyo built separately still make one line."""
    other_tokyo = Place("JP-13", "Tokyo", 35.68, 139.69, url="/somewhere/")
    drawn, _, _ = aggregate([Tie(TOKYO, CALIFORNIA), Tie(other_tokyo, CALIFORNIA)])
    assert [line.count for line in drawn] == [2]


def test_past_the_cap_ties_are_drawn_between_the_top_most_places_and_the_rest_go_to_the_table():
    ties = [Tie(TOKYO, CALIFORNIA), Tie(OSAKA, SEATTLE), Tie(OSAKA, CALIFORNIA), Tie(KOBE, SEATTLE)]
    drawn, overflow, missing = aggregate(ties, cap=2)
    # Four pairs of places > 2: aggregated to prefecture -> country, three pairs, the heaviest two drawn.
    assert [(line.japan.key, line.abroad.key, line.count) for line in drawn] == [
        ("JP-27", "US", 2),
        ("JP-28", "US", 1),
    ]
    assert [(line.japan.key, line.abroad.key, line.count) for line in overflow] == [("JP-13", "US", 1)]
    assert missing == []


def test_a_place_without_coordinates_takes_its_parents_and_a_tie_placed_nowhere_is_listed():
    unplaced_city = Place("US-WA/Nowhere", "Nowhere", None, None, parent=SEATTLE.parent)
    figure = partnership_lines([Tie(TOKYO, unplaced_city), Tie(OSAKA, NOWHERE), Tie(OSAKA, NOWHERE)])
    assert [(row.cells[0].text, row.cells[1].text, row.count) for row in figure.rows] == [("Tokyo", "Washington", 1)]
    assert [(row.cells[0].text, row.cells[1].text, row.count) for row in figure.not_placed] == [
        ("Osaka", "Unknown town", 2)
    ]
    html = str(figure)
    assert "Not placed on the map (no coordinates):" in html
    assert "<li>Osaka – Unknown town (2)</li>" in html


def test_line_widths_grow_with_the_number_of_ties_and_the_legend_says_so():
    ties = [Tie(TOKYO, CALIFORNIA)] * 9 + [Tie(OSAKA, SEATTLE)]
    html = str(partnership_lines(ties))
    assert html.count('class="map-arc"') == 2
    assert 'stroke-width="5" class="map-arc"' in html and 'stroke-width="1.2" class="map-arc"' in html
    assert "<title>Tokyo – California: 9</title>" in html
    assert 'stroke-width="5" stroke-linecap="round"/></svg>6–9</li>' in html
    assert 'stroke-width="1.2" stroke-linecap="round"/></svg>1–2</li>' in html


def test_the_overflow_is_said_under_the_map():
    html = str(partnership_lines(samples.ties(n=2000), cap=30))
    assert "The map draws the 30 largest of" in html
    assert html.count('class="map-arc"') == 30
    assert 'class="map-row-undrawn"' in html


def test_the_lines_map_is_one_picture_for_assistive_technology_with_the_table_as_its_text():
    svg = svg_of(partnership_lines([Tie(TOKYO, CALIFORNIA)]))
    assert 'role="img"' in svg and "<a " not in svg


def test_no_inline_style_and_deterministic():
    ties = samples.ties(n=500)
    first = str(partnership_lines(ties))
    assert_no_inline_style(first)
    assert str(partnership_lines(list(ties))) == first


def test_the_worst_case_lines_map_stays_under_60_kb_compressed():
    """10,000 partnerships, every line drawn at the cap: the map itself within budget (the table is extra)."""
    figure = partnership_lines(samples.ties(n=10_000, language="ja"))
    assert math.isclose(sum(row.count for row in figure.rows), 10_000)
    assert gzip_size(svg_of(figure)) < 60_000


def test_the_land_under_the_lines_is_one_static_file_made_from_the_same_shapes():
    """Every page's lines map draws its land from one cached file, not from its own copy of the country paths."""
    assert (Path(settings.BASE_DIR) / "maps" / "static" / LAND_FILE).read_text(encoding="utf-8") == land_svg()
    markup = svg_of(partnership_lines([Tie(TOKYO, CALIFORNIA)]))
    assert f'<image href="{static(LAND_FILE)}"' in markup
    assert shapes.world()["countries"]["JP"]["d"] not in markup
    assert shapes.world()["countries"]["JP"]["d"] in land_svg()
