"""The year histogram: bars as links, the active span, axis labels, languages (maps.histogram)."""

import re

import pytest
from django.utils import translation

from maps import year_histogram

from .maps_checks import assert_no_inline_style, svg_of


def links(counts):
    return {year: f"/initiatives/?year_from={year}&year_to={year}" for year in counts}


def bars(html):
    """{year: (href or None, fill)} of every bar."""
    found = {}
    for match in re.finditer(r"<(a|g)([^>]*)><title>(\d{4}): [^<]*</title>(.*?)</\1>", html):
        href = re.search(r'href="([^"]*)"', match.group(2))
        fill = re.search(r'class="map-bar"|fill="([^"]*)" class="map-bar"', match.group(4))
        found[int(match.group(3))] = (href and href.group(1).replace("&amp;", "&"), fill and fill.group(1))
    return found


def test_every_year_from_first_to_last_has_a_bar_and_years_with_results_link_to_that_year():
    counts = {2001: 3, 2004: 1}
    found = bars(str(year_histogram(counts, links=links(counts))))
    assert sorted(found) == [2001, 2002, 2003, 2004]
    assert found[2001][0] == "/initiatives/?year_from=2001&year_to=2001"
    assert found[2004][0] == "/initiatives/?year_from=2004&year_to=2004"
    assert found[2002][0] is None and found[2003][0] is None  # nothing to show there


def test_the_active_span_is_highlighted_and_bars_outside_it_are_paler():
    counts = {2000: 2, 2001: 2, 2002: 2, 2003: 2}
    html = str(year_histogram(counts, links=links(counts), active=(2001, 2002)))
    found = bars(html)
    assert found[2001][1] == found[2002][1] == "#3b528b"
    assert found[2000][1] == found[2003][1] == "#9fb0d0"
    span = re.search(r'<rect x="([\d.]+)" y="10" width="([\d.]+)"[^>]*class="map-span"', html)
    assert span is not None
    step = (480 - 36 - 8) / 4
    assert float(span.group(1)) == round(36 + step, 1) and float(span.group(2)) == round(2 * step, 1)


def test_an_open_ended_range_highlights_from_its_start_on():
    counts = {2000: 1, 2001: 1, 2002: 1}
    found = bars(str(year_histogram(counts, links=links(counts), active=(2001, None))))
    assert [found[year][1] for year in (2000, 2001, 2002)] == ["#9fb0d0", "#3b528b", "#3b528b"]


def test_without_a_range_every_bar_has_the_same_colour_and_no_span():
    counts = {2000: 1, 2010: 5}
    html = str(year_histogram(counts, links=links(counts)))
    assert "map-span" not in html
    assert {fill for _, fill in bars(html).values()} == {"#3b528b"}


def test_axis_labels_name_years_and_counts_and_each_bar_has_an_accessible_name():
    counts = {2019: 40, 2020: 7}
    html = str(year_histogram(counts, links=links(counts)))
    assert ">2019</text>" in html and ">2020</text>" in html
    assert ">50</text>" in html and ">0</text>" in html  # the axis ends on a round number above the peak
    assert 'aria-label="2019: 40"' in html
    assert '<title id="year-histogram-title">Results by year</title>' in html


@pytest.mark.parametrize(
    "first, last, labels",
    [
        (2019, 2020, [2019, 2020]),
        (2011, 2020, list(range(2011, 2021))),
        (2005, 2020, [2006, 2008, 2010, 2012, 2014, 2016, 2018, 2020]),
        (1955, 2025, [1960, 1970, 1980, 1990, 2000, 2010, 2020]),
        (1880, 2025, list(range(1880, 2021, 20))),
    ],
)
def test_axis_labels_fall_on_round_years_at_most_ten(first, last, labels):
    counts = {first: 1, last: 2}
    html = str(year_histogram(counts, links=links(counts)))
    assert [int(year) for year in re.findall(r'text-anchor="middle">(\d{4})</text>', html)] == labels


def test_the_table_lists_each_year_with_its_link():
    counts = {2019: 40, 2020: 7}
    figure = year_histogram(counts, links=links(counts))
    assert [(row.cells[0].text, row.count) for row in figure.rows] == [("2019", 40), ("2020", 7)]


def test_japanese():
    counts = {2019: 1200}
    with translation.override("ja"):
        html = str(year_histogram(counts, links=links(counts)))
    assert 'aria-label="2019年：1,200件"' in html
    assert "年別の件数" in html and "表で見る" in html


def test_no_results_draws_an_empty_chart_and_says_so():
    html = str(year_histogram({}, links={}))
    assert "<a " not in svg_of(html)
    assert "No results." in html


def test_no_inline_style():
    counts = {year: year % 7 for year in range(1950, 2027)}
    assert_no_inline_style(str(year_histogram(counts, links=links(counts), active=(1990, 2000))))
