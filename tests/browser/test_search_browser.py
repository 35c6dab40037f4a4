"""The search pages in a real Chromium: tick facets, watch counts and results change, remove a chip, page
forward, open a result and follow a cross-link; axe-core finds nothing serious on the search page."""

import pytest
from playwright.sync_api import expect

from .factories_for_pages import ocean_initiatives
from .helpers import axe_violations, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def records():
    ocean_initiatives()


def result_count(page):
    return int(page.locator("#result-count").inner_text().split()[0])


def facet_count(page, name, value):
    return int(page.locator(f'input[name="{name}"][value="{value}"] + label .facet__count').inner_text().split()[0])


def test_search_tick_two_facets_remove_a_chip_page_forward_and_follow_links(page, records):
    page.goto("/initiatives/?q=ocean")
    assert result_count(page) == 45
    completed_before = facet_count(page, "status", "completed")

    page.locator('input[name="status"][value="active"]').check()  # search.js submits on change
    page.wait_for_url("**status=active**")
    assert result_count(page) == 30
    assert facet_count(page, "status", "completed") == completed_before  # its own facet's selection is ignored

    page.locator('input[name="area"][value="climate-change"]').check()
    page.wait_for_url("**area=climate-change**")
    assert result_count(page) == 15  # odd i and i % 3 != 0
    assert facet_count(page, "status", "completed") == 7  # completed among climate-change: odd multiples of 3
    screenshot(page, "search-two-facets")

    page.get_by_role("link", name="Status: Active").click()  # the chip removes that filter only
    page.wait_for_url(lambda url: "status=active" not in url)
    assert result_count(page) == 22
    assert page.locator('input[name="area"][value="climate-change"]').is_checked()

    page.get_by_role("link", name="Clear all").click()
    page.wait_for_url("**/initiatives/")
    page.goto("/initiatives/?q=ocean&sort=title")
    page.get_by_role("navigation", name="Pages of results").get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2**")
    assert page.locator('.pagination a[aria-current="page"]').inner_text() == "2"
    first = page.locator(".result__title a").first
    assert first.inner_text() == "Ocean programme 20"

    first.click()  # programme 20: even, so about food security
    page.wait_for_url("**/initiatives/initiative-*/")
    page.locator("main").get_by_role("link", name="Food security").first.click()  # to the filtered search
    page.wait_for_url("**/initiatives/?area=food-security**")
    assert page.locator('input[name="area"][value="food-security"]').is_checked()
    assert result_count(page) == 23


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_has_no_serious_accessibility_violation(page, records, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/initiatives/?q=ocean&status=active&area=climate-change")
    violations = axe_violations(page)
    screenshot(page, f"search-initiatives-{width}")
    assert violations == [], describe(violations)
    page.goto("/search/?q=ocean")
    assert axe_violations(page) == []


def test_search_pages_and_the_api_documentation_do_not_scroll_sideways_on_a_phone(page, records):
    page.set_viewport_size({"width": 390, "height": 900})
    for url in ("/initiatives/?q=ocean&status=active", "/researchers/", "/partnerships/", "/search/?q=ocean", "/api/"):
        assert page.goto(url).status == 200, url
        # Long URLs wrap and wide tables and code blocks scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url


def test_a_submitted_search_leaves_empty_fields_out_of_the_url_and_back_restores_the_previous_search(page, records):
    page.goto("/initiatives/")
    page.locator('input[name="status"][value="active"]').check()  # search.js updates the page in place
    page.wait_for_url("**status=active**")
    query = page.url.split("?", 1)[1]
    assert all(value for _name, _sep, value in (part.partition("=") for part in query.split("&"))), query
    assert "q=" not in query and "year_from" not in query and "year_to" not in query
    assert "sort=" not in query  # the order was left at its default
    assert result_count(page) == 30

    page.go_back()
    page.wait_for_url("**/initiatives/")
    expect(page.locator('input[name="status"][value="active"]')).not_to_be_checked()  # the search Back led to
    expect(page.locator("#result-count")).to_have_text("45 initiatives, page 1 of 3")
    page.locator("#search-q").fill("ocean")
    page.locator("#range-year_from").fill("2000")
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**q=ocean**")
    assert "year_from=2000" in page.url and "year_to" not in page.url
    assert "sort=" not in page.url  # a new text is sorted by relevance, not by the order shown before it
    assert result_count(page) == 25  # started 2000-2024
