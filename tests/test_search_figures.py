"""The maps and timeline of the search pages (issue 13): drawn from the search's own counts, linked to the
search narrowed to each country, prefecture or year, in the fragment search.js swaps, in both languages,
never showing a draft, and no query more than the page without them."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.models import EditorialState
from search import Search, registry

from . import facet_oracle
from . import factories as f
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db

FRAGMENT = {"HTTP_X_SEARCH_FRAGMENT": "1"}


def figure(page_html, element_id):
    """The ``<figure id=...>`` of the page, or None."""
    match = re.search(rf'<figure class="map[^"]*" id="{element_id}".*?</figure>', page_html, re.S)
    return match.group(0) if match else None


def table(figure_html):
    """The figure's table as ``[(label, url, count)]``, as the page writes it."""
    rows = re.findall(r'<tr><td><a href="([^"]*)">([^<]*)</a></td><td class="num">([\d,]+)</td></tr>', figure_html)
    return [(html.unescape(label), html.unescape(url), int(n.replace(",", ""))) for url, label, n in rows]


def area_links(figure_html):
    """``{key: href}`` of the linked areas or bars in the SVG."""
    found = re.findall(r'<a href="([^"]*)" class="map-link" (?:aria-label="[^"]*" )?data-key="([^"]+)"', figure_html)
    return {key: html.unescape(href) for href, key in found}


def query_of(url):
    return parse_qs(urlsplit(url).query)


@pytest.fixture
def registers():
    return build_initiatives(), build_researchers(), build_partnerships()


@pytest.mark.parametrize(
    "url",
    [
        "/initiatives/",
        "/initiatives/?status=active&q=initiative",
        "/initiatives/?country=US&area=climate-change",
        "/initiatives/?year_from=2012&year_to=2018",
        "/researchers/?stage=senior",
        "/partnerships/?since_from=1980",
    ],
)
def test_the_world_map_shows_the_country_facet_counts_of_the_search(client, registers, url):
    register = registry[urlsplit(url).path.strip("/")]
    search = Search(register, query_of(url))
    expected = facet_oracle.facet_counts(search)["country"]
    world = figure(client.get(url).content.decode(), "world-map")
    assert world is not None
    assert {search.choices["country"][iso2]: n for iso2, n in expected.items()} == {
        label: n for label, _url, n in table(world)
    }
    links = area_links(world)
    assert set(links) == set(expected)
    for iso2, link in links.items():  # each country adds itself to the same search, from its first page
        params = query_of(link)
        assert iso2 in params["country"]
        assert "page" not in params
        for name, values in query_of(url).items():
            assert set(values) <= set(params[name])


def test_a_selected_country_is_not_added_twice_and_a_page_number_is_dropped(client, registers):
    world = figure(client.get("/initiatives/?country=US&page=1").content.decode(), "world-map")
    us = area_links(world)["US"]
    assert query_of(us) == {"country": ["US"]}
    assert query_of(area_links(world)["KE"]) == {"country": ["US", "KE"]}


def test_a_draft_is_never_on_the_map(client, registers):
    hidden = f.country("IS")
    f.InitiativeFactory(editorial_state=EditorialState.DRAFT, countries=[hidden], start_date="1901-01-01")
    page = client.get("/initiatives/").content.decode()
    assert "IS" not in area_links(figure(page, "world-map"))
    assert "1901" not in figure(page, "year-histogram")


def test_the_japan_map_shows_the_prefecture_facet_and_links_to_it(client, registers):
    page = client.get("/partnerships/").content.decode()
    japan = figure(page, "japan-map")
    # Tokyo: its own partnership and its city's (Hachioji); Osaka: one; the draft is not counted.
    assert {label: n for label, _url, n in table(japan)} == {"Tokyo": 2, "Osaka": 1}
    assert query_of(area_links(japan)["JP-13"]) == {"prefecture": ["JP-13"]}
    assert figure(client.get("/initiatives/").content.decode(), "japan-map") is None


@pytest.mark.parametrize(
    "url, field",
    [
        ("/initiatives/", "start_date__year"),
        ("/initiatives/?status=active&year_from=2013&year_to=2016", "start_date__year"),
        ("/initiatives/?q=initiative&country=US", "start_date__year"),
        ("/partnerships/?country=US", "established"),
        ("/partnerships/?since_from=1970", "established"),
    ],
)
def test_the_timeline_counts_each_year_of_the_search_and_links_to_that_year(client, registers, url, field):
    register = registry[urlsplit(url).path.strip("/")]
    search = Search(register, query_of(url))
    expected = facet_oracle.year_counts(search)[field]
    assert search.year_counts()[field] == expected
    timeline = figure(client.get(url).content.decode(), "year-histogram")
    assert {int(label): n for label, _url, n in table(timeline)} == expected
    low, high = register.range_bounds(field)
    for year, link in area_links(timeline).items():
        params = query_of(link)
        assert params[low] == params[high] == [year]
        assert {k: v for k, v in params.items() if k not in (low, high)} == {
            k: v for k, v in query_of(url).items() if k not in (low, high)
        }


def test_the_active_range_is_highlighted_and_years_outside_it_are_paler(client, registers):
    timeline = figure(client.get("/initiatives/?year_from=2013&year_to=2016").content.decode(), "year-histogram")
    assert timeline.count('class="map-span"') == 1
    bars = re.findall(r'data-key="(\d+)"><title>[^<]*</title><rect [^>]*/><rect [^>]*fill="(#[0-9a-f]+)"', timeline)
    assert bars
    inside = {year: colour for year, colour in bars if 2013 <= int(year) <= 2016}
    outside = {year: colour for year, colour in bars if not 2013 <= int(year) <= 2016}
    assert inside and outside
    assert set(inside.values()) == {"#3b528b"} and set(outside.values()) == {"#9fb0d0"}
    unranged = figure(client.get("/initiatives/").content.decode(), "year-histogram")
    assert 'class="map-span"' not in unranged


def test_researchers_have_a_world_map_and_no_timeline(client, registers):
    page = client.get("/researchers/").content.decode()
    assert figure(page, "world-map") is not None
    assert figure(page, "year-histogram") is None


def test_no_results_leave_the_timeline_and_no_empty_map(client, registers):
    page = client.get("/partnerships/?q=nothingmatchesthis").content.decode()
    assert figure(page, "world-map") is None and figure(page, "japan-map") is None
    assert figure(page, "year-histogram") is not None


def test_the_figures_are_in_the_fragment_search_js_swaps(client, registers):
    fragment = client.get("/partnerships/?country=US", **FRAGMENT).content.decode()
    results = fragment[fragment.index('data-search-region="results"') :]
    for element_id in ("world-map", "japan-map", "year-histogram"):
        assert figure(results, element_id) is not None, element_id


def test_the_figures_speak_japanese_on_japanese_pages(client, registers, japanese_catalogue):
    page = client.get("/ja/partnerships/").content.decode()
    assert "相手国別の自治体間提携" in figure(page, "world-map")
    assert "都道府県別の自治体間提携" in figure(page, "japan-map")
    assert "提携年別の自治体間提携" in figure(page, "year-histogram")
    assert ("東京都", 2) in [(label, n) for label, _url, n in table(figure(page, "japan-map"))]
    assert "表で見る" in figure(page, "world-map")


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url, lines",
    [("/initiatives/?q=initiative&status=active&year_from=2012", 0), ("/partnerships/?country=US&since_to=2000", 2)],
)
def test_the_maps_and_timeline_cost_no_query(client, registers, settings, django_assert_max_num_queries, url, lines):
    # Queries: 1 facet choices (one UNION), 1 facet counts, total and year counts (one query over the bitmaps),
    #   1 page of ids, 1 page of rows, 1-2 prefetches of what a row shows, 1 snippets (text query only);
    #   the partnerships' lines map reads 2 of its own (tests/test_partnership_lines.py).
    with django_assert_max_num_queries(7 + lines):
        page = client.get(url).content.decode()
    assert figure(page, "world-map") is not None
    settings.SEARCH_FIGURES = False
    without = client.get(url).content.decode()
    assert figure(without, "world-map") is None and figure(without, "year-histogram") is None
    settings.SEARCH_FIGURES = True
    figures_on = query_count(client, url)
    settings.SEARCH_FIGURES = False
    assert query_count(client, url) == figures_on - lines


def test_japans_country_page_maps_every_partnership_by_prefecture(client, registers, django_assert_max_num_queries):
    # Queries: 1 the country, 4 its sections (initiatives, researchers, exchanges, partnerships), 1 the
    #   partnerships' facet choices, 1 their facet counts (the Japan map), 2 the lines map (pairs, localities).
    with django_assert_max_num_queries(9):
        page = client.get("/countries/jp/").content.decode()
    japan = figure(page, "japan-map")
    assert {label: n for label, _url, n in table(japan)} == {"Tokyo": 2, "Osaka": 1}
    assert area_links(japan)["JP-27"] == "/partnerships/?prefecture=JP-27"
    assert figure(client.get("/countries/us/").content.decode(), "japan-map") is None
