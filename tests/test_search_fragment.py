"""The HTML fragment search.js swaps in (header X-Search-Fragment): the page's own regions, nothing more."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import factories as f
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db

FRAGMENT = {"HTTP_X_SEARCH_FRAGMENT": "1"}
REGIONS = ("filters-label", "facets", "results")
SEARCHES = [
    "/initiatives/?q=ocean&status=active&area=climate-change&year_from=1990&sort=title",
    "/initiatives/?status=active&page=2",
    "/researchers/?stage=early_career&english=B2&unknown=1",
    "/partnerships/?country=US&since_from=2000&since_to=1990",
    "/ja/partnerships/?kind=sister_city",
]


@pytest.fixture
def registers():
    build_initiatives()
    build_researchers()
    build_partnerships()
    for i in range(25):
        f.InitiativeFactory(title=f"Ocean watch {i}", status="active")


def regions_of(html):
    """Each top-level element marked data-search-region, as written (the partials render no nested ones)."""
    found = {}
    for match in re.finditer(r'<(\w+) [^>]*data-search-region="([\w-]+)"', html):
        tag, name = match.groups()
        depth, position = 0, match.start()
        for tag_match in re.finditer(rf"<(/?){tag}\b", html[position:]):
            depth += -1 if tag_match.group(1) else 1
            if depth == 0:
                end = position + tag_match.end() + html[position + tag_match.end() :].index(">") + 1
                found[name] = html[position:end]
                break
    return found


@pytest.mark.parametrize("url", SEARCHES)
def test_the_fragment_is_the_pages_own_regions_and_title_and_nothing_else(client, registers, url):
    page = client.get(url)
    fragment = client.get(url, **FRAGMENT)
    assert page.status_code == fragment.status_code == 200
    page_html, fragment_html = page.content.decode(), fragment.content.decode()

    page_regions, fragment_regions = regions_of(page_html), regions_of(fragment_html)
    assert set(fragment_regions) == set(REGIONS) == set(page_regions)
    for name in REGIONS:
        assert fragment_regions[name] == page_regions[name], name  # same partials, same context: same markup
    title = re.search(r"<title>.*?</title>", page_html, re.S).group(0)
    rest = fragment_html.replace(title, "", 1)
    for name in REGIONS:
        rest = rest.replace(fragment_regions[name], "", 1)
    assert title in fragment_html
    assert re.sub(r"<!--.*?-->", "", rest).strip() == ""  # no page furniture (header, form, scripts), nothing new


def test_the_fragment_carries_counts_chips_and_results_of_its_own_search(client, registers):
    html = client.get("/initiatives/?q=ocean&status=active", **FRAGMENT).content.decode()
    assert re.search(r'id="result-count"[^>]*>\s*25 initiatives, page 1 of 2\s*</h2>', html)
    assert 'class="chip" href="?q=ocean"' in html  # the chip removing the status filter
    assert html.count('class="result"') == 20
    assert 'name="status" value="active" form="search-form" data-autosubmit checked' in html
    assert "<html" not in html and "<header" not in html and "<script" not in html


def test_both_representations_of_a_search_url_vary_on_the_fragment_header(client, registers):
    for extra in ({}, FRAGMENT):
        response = client.get("/researchers/?stage=senior", **extra)
        assert "X-Search-Fragment" in response["Vary"]


def test_a_fragment_past_the_last_page_is_a_404_like_the_page(client, registers):
    assert client.get("/initiatives/?page=99", **FRAGMENT).status_code == 404
    assert client.get("/initiatives/?page=99").status_code == 404


def test_only_the_exact_header_value_asks_for_a_fragment(client, registers):
    html = client.get("/initiatives/", HTTP_X_SEARCH_FRAGMENT="yes").content.decode()
    assert html.startswith("<!doctype html>")


def test_a_fragment_costs_the_queries_of_its_page(client, registers, django_assert_max_num_queries):
    url = "/initiatives/?q=ocean&status=active&area=climate-change"
    counts = []
    for extra in ({}, FRAGMENT):
        with CaptureQueriesContext(connection) as queries:
            client.get(url, **extra)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # The page's queries, listed in test_search_pages.py: facet choices, facet counts with the total, the rows,
    # their prefetches and (with text) the snippets.
    with django_assert_max_num_queries(15):
        client.get(url, **FRAGMENT)
