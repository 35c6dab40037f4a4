"""World and Japan choropleths: colours, legend, links, tooltips, table, languages, size (maps.choropleth)."""

import re

import pytest
from django.utils import translation

from maps import japan_choropleth, scale, world_choropleth
from maps.figure import number

from . import maps_samples as samples
from .maps_checks import assert_no_inline_style, gzip_size, svg_of

NAMES = {"FR": "France", "JP": "Japan", "US": "United States", "SG": "Singapore"}


def render(counts, **kwargs):
    return world_choropleth(counts, links={k: f"/initiatives/?country={k}" for k in counts}, names=NAMES, **kwargs)


def area(html, key):
    """The <a> element of one country, or None when it is not a link."""
    match = re.search(rf'<a href="[^"]*" class="map-link" data-key="{key}">(.*?)</a>', html)
    return match and match.group(1)


def test_each_country_with_results_is_a_link_with_a_tooltip_and_the_rest_are_not():
    html = str(render({"FR": 12, "US": 3, "JP": 0}))
    assert '<a href="/initiatives/?country=FR" class="map-link" data-key="FR">' in html
    assert "<title>France: 12</title>" in area(html, "FR")
    assert "<title>United States: 3</title>" in area(html, "US")
    assert area(html, "JP") is None  # zero: "no results", nothing to follow
    assert area(html, "DE") is None
    assert html.count('class="map-link"') == 2


def test_colours_follow_the_bins_and_zero_is_drawn_as_no_results():
    counts = {"FR": 1, "US": 40, "JP": 0}
    html = str(render(counts))
    bins = scale.bins(counts.values())
    assert f'fill="{bins[0].colour}"' in area(html, "FR")
    assert f'fill="{bins[-1].colour}"' in area(html, "US")
    assert bins[0].colour != bins[-1].colour
    assert scale.NO_RESULTS not in {b.colour for b in bins}
    assert html.count(f'fill="{scale.NO_RESULTS}"') > 200  # every other country, Japan included


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5], [(5, 5)]),
        ([1, 2], [(1, 1), (2, 2)]),
        ([3, 3, 3, 0], [(3, 3)]),
        ([1, 2, 3, 4, 5], [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]),
        ([1, 48000, 300, 20], [(1, 10), (11, 100), (101, 500), (501, 5000), (5001, 48000)]),
        ([0, 0], []),
    ],
)
def test_class_limits_are_round_and_cover_every_value(values, expected):
    assert scale.limits(values) == expected


def test_the_legend_lists_each_class_and_no_results():
    html = str(render({"FR": 1, "US": 48000, "JP": 300, "SG": 20}))
    legend = re.search(r'<ul class="map-legend".*?</ul>', html, re.S).group(0)
    labels = re.findall(r"</svg>([^<]+)</li>", legend)
    assert labels == ["1–10", "11–100", "101–500", "501–5,000", "5,001–48,000", "No results"]
    assert f'fill="{scale.NO_RESULTS}"' in legend


def test_a_single_value_gets_one_class_from_the_middle_of_the_palette():
    html = str(render({"FR": 7}))
    assert re.findall(r"</svg>([^<]+)</li>", html) == ["7", "No results"]
    assert f'fill="{scale.PALETTE[2]}"' in area(html, "FR")


def test_no_results_at_all_draws_a_map_without_links_and_an_empty_table():
    figure = render({})
    html = str(figure)
    assert "map-link" not in html
    assert "No results." in html
    assert figure.rows == ()


def test_a_small_country_gets_a_dot_inside_its_link():
    html = str(render({"SG": 4, "FR": 2}))
    assert "<circle" in area(html, "SG")
    assert "<circle" not in area(html, "FR")


def test_the_table_lists_the_same_numbers_largest_first_with_the_same_links():
    figure = render({"FR": 12, "US": 3000, "JP": 0})
    assert [(row.cells[0].text, row.count, row.cells[0].url) for row in figure.rows] == [
        ("United States", 3000, "/initiatives/?country=US"),
        ("France", 12, "/initiatives/?country=FR"),
    ]
    html = str(figure)
    table = html[html.index("<details") :]
    assert "<summary>Show as table</summary>" in table
    assert '<a href="/initiatives/?country=US">United States</a></td><td class="num">3,000</td>' in table


def test_a_key_without_a_shape_is_listed_under_the_map_not_dropped():
    figure = world_choropleth({"FR": 2, "ZZ": 5}, links={}, names={"ZZ": "Atlantis", "FR": "France"})
    html = str(figure)
    assert "Not on the map (no shape): Atlantis" in html
    assert [row.cells[0].text for row in figure.rows] == ["Atlantis", "France"]
    assert [row.drawn for row in figure.rows] == [False, True]


def test_names_and_links_are_escaped():
    html = str(world_choropleth({"FR": 1}, links={"FR": '/x/?a=1&b="2"'}, names={"FR": "<b>France</b>"}))
    assert "<b>France</b>" not in html
    assert "&lt;b&gt;France&lt;/b&gt;: 1" in html
    assert 'href="/x/?a=1&amp;b=&quot;2&quot;"' in html


def test_renders_are_deterministic_and_cached_by_their_inputs():
    counts = samples.world_counts()
    first = render(counts)
    assert render(dict(reversed(list(counts.items())))) is first  # same inputs, same cached figure
    second = render({**counts, "FR": counts.get("FR", 0) + 1})
    assert second is not first and str(second) != str(first)


def test_no_inline_style_anywhere():
    assert_no_inline_style(str(render(samples.world_counts())))
    assert_no_inline_style(str(japan_choropleth(samples.japan_counts(), links={}, names={})))


def test_the_svg_scales_to_its_container_and_is_named_by_its_title():
    html = str(render({"FR": 1}, title="Partner countries", element_id="partners"))
    svg = svg_of(html)
    assert re.match(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -?\d+ 1000 \d+" width="100%"', svg)
    assert 'role="group" aria-labelledby="partners-title"' in svg
    assert '<title id="partners-title">Partner countries</title>' in svg
    assert 'id="partners-caption">Partner countries</figcaption>' in html


def test_japanese_labels_tooltips_and_numbers():
    names = samples.country_names("ja")
    with translation.override("ja"):
        html = str(world_choropleth({"FR": 1200}, links={"FR": "/ja/initiatives/?country=FR"}, names=names))
    assert f"<title>{names['FR']}：1,200件</title>" in html
    assert "<summary>表で見る</summary>" in html
    assert "該当なし" in html
    assert "国・地域別の件数" in html


def test_english_and_japanese_figures_are_cached_apart():
    counts = {"JP-13": 5}
    english = japan_choropleth(counts, links={}, names=samples.prefecture_names("en"))
    with translation.override("ja"):
        japanese = japan_choropleth(counts, links={}, names=samples.prefecture_names("ja"))
    assert "Tokyo: 5" in str(english) and "東京都：5件" in str(japanese)


def test_japan_links_every_prefecture_with_results_and_frames_okinawa():
    counts = samples.japan_counts()
    html = str(japan_choropleth(counts, links=samples.links(counts, "prefecture"), names=samples.prefecture_names()))
    assert html.count('class="map-link"') == 47
    assert '<a href="/partnerships/?prefecture=JP-47" class="map-link" data-key="JP-47"><title>Okinawa: ' in html
    assert 'class="map-inset"' in html


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_worst_case_world_map_stays_under_60_kb_compressed(language):
    """Every country with a count, a link and a long name: the largest a world map can be."""
    names = {key: name * 3 for key, name in samples.country_names(language).items()}
    counts = samples.zipf(names, 100_000, seed=9)
    links = {
        key: f"/ja/initiatives/?q=climate+change&area=energy-transition&status=active&country={key}" for key in counts
    }
    with translation.override(language):
        html = str(world_choropleth(counts, links=links, names=names))
    assert gzip_size(html) < 60_000, number(gzip_size(html))


def test_the_worst_case_japan_map_stays_under_60_kb_compressed():
    counts = samples.japan_counts(top=100_000)
    links = {key: f"/ja/partnerships/?q=education&country=US&kind=sister_city&prefecture={key}" for key in counts}
    html = str(japan_choropleth(counts, links=links, names=samples.prefecture_names("ja")))
    assert gzip_size(html) < 60_000
