"""The search pages' maps and timeline in a real Chromium: axe and the CSP on each register's page in both
languages, a country reached with Tab and followed with Enter updates the search in place (one fragment, no
reload, focus kept on that country), a bar narrows to its year, the table is one click away, phone width,
screenshots at 1366 and 390 px in English and Japanese."""

import datetime

import pytest
from playwright.sync_api import expect

from directory.models import Locality
from tests import factories as f

from .factories_for_pages import ocean_initiatives
from .helpers import axe_violations, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def records():
    ocean_initiatives()
    f.InitiativeFactory(title="Ocean sensors", countries=[f.country("US")], start_date=datetime.date(2001, 1, 1))
    tokyo, osaka = Locality.objects.get(iso_code="JP-13"), Locality.objects.get(iso_code="JP-27")
    for i, (japan, iso2) in enumerate([(tokyo, "US"), (tokyo, "FR"), (osaka, "US"), (osaka, "BR")]):
        f.PartnershipFactory(
            japanese_locality=japan, foreign_locality=f.LocalityFactory(country=f.country(iso2)), established=1960 + i
        )
    for i in range(3):
        f.ResearcherFactory(country=f.country(["JP", "KE", "US"][i]))


@pytest.mark.parametrize(
    "path",
    ["/initiatives/", "/ja/initiatives/?year_from=1990&year_to=2000", "/researchers/", "/ja/partnerships/"],
)
def test_axe_finds_nothing_serious_and_the_csp_blocks_nothing(page, records, path):
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    page.goto(path)
    assert page.locator(".search-figures #world-map svg.map-svg").is_visible()
    for summary in page.locator(".search-figures summary").all():
        summary.click()  # the tables too
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert blocked == []


def follow_with_enter(page, start, area, expected_url):
    """Open ``start``, focus the map's ``area`` (a selector), press Enter and wait for ``expected_url``; checks
    that the search was updated in place (one fragment request, no reload) and that focus stayed on the area."""
    fragments = []
    page.on("request", lambda r: fragments.append(r.url) if r.headers.get("x-search-fragment") == "1" else None)
    page.goto(start)
    page.evaluate("window.__samePage = true")
    page.locator(area).focus()
    key = page.evaluate("document.activeElement.getAttribute('data-key')")
    assert key and area.endswith(f'[data-key="{key}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(expected_url)
    expect(page.locator("#search-status")).not_to_be_empty()
    assert page.evaluate("window.__samePage === true")  # no reload
    assert len(fragments) == 1
    assert page.evaluate("document.activeElement.getAttribute('data-key')") == key  # focus stays on the area


def test_a_country_reached_with_tab_and_followed_with_enter_updates_the_search_in_place(page, records):
    follow_with_enter(
        page,
        "/initiatives/?status=active",
        '#world-map a.map-link[data-key="KE"]',
        "**/initiatives/?status=active&country=KE",
    )
    assert page.locator('input[name="country"][value="KE"]').is_checked()
    # Kenya is a partner of nine ocean initiatives (i % 5 == 0), three of them completed (i % 3 == 0).
    assert page.locator("#result-count").inner_text().startswith("6 ")
    assert page.locator(".result").count() == 6


def test_a_prefecture_followed_with_enter_narrows_the_partnerships_in_place_and_every_figure_follows(page, records):
    follow_with_enter(
        page, "/partnerships/?country=US", '#japan-map a.map-link[data-key="JP-27"]',
        "**/partnerships/?country=US&prefecture=JP-27",
    )  # fmt: skip
    assert page.locator('input[name="prefecture"][value="JP-27"]').is_checked()
    assert page.locator("#result-count").inner_text().startswith("1 ")
    assert page.locator(".result").count() == 1
    # Every figure follows: the world map counts Osaka's partner countries (France, Tokyo's, is gone), the
    # Japan map keeps Tokyo as the facet does (what choosing it instead would give), the lines map draws Osaka's.
    keys = "links => links.map(a => a.dataset.key).sort()"
    assert page.locator("#world-map a.map-link").evaluate_all(keys) == ["BR", "US"]
    assert page.locator("#japan-map a.map-link").evaluate_all(keys) == ["JP-13", "JP-27"]
    page.click("#lines-map summary")
    assert page.locator("#lines-map table tbody tr").all_inner_texts() == ["Osaka\tUnited States\t1"]


def test_a_bar_narrows_the_search_to_its_year_and_the_range_is_highlighted(page, records):
    page.goto("/initiatives/")
    page.locator('#year-histogram a.map-link[data-key="1990"]').click()
    page.wait_for_url("**/initiatives/?year_from=1990&year_to=1990")
    expect(page.locator(".result")).to_have_count(1)
    assert page.locator("#year-histogram .map-span").count() == 1
    assert page.locator("#range-year_from").input_value() == "1990"


def test_the_table_is_one_click_away_and_lists_the_maps_numbers(page, records):
    page.goto("/partnerships/")
    table = page.locator("#japan-map details table")
    assert not table.is_visible()
    page.click("#japan-map summary")
    assert table.is_visible()
    assert table.locator("tbody tr").all_inner_texts() == ["Osaka\t2", "Tokyo\t2"]  # equal counts: by name


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("register", ["initiatives", "partnerships", "researchers"])
def test_the_figures_fit_the_width_and_are_screenshotted(page, records, width, language, register):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/{register}/" if language == "en" else f"/ja/{register}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    for svg in page.locator(".search-figures svg.map-svg").all():
        box = svg.bounding_box()
        assert box["width"] <= width and box["height"] > 50
    screenshot(page, f"search-figures-{register}-{language}-{width}")


@pytest.mark.parametrize("path", ["/countries/jp/", "/ja/countries/jp/"])
def test_japans_page_map_passes_axe_and_is_screenshotted(page, records, path):
    page.goto(path)
    page.click("#japan-map summary")
    assert page.locator("#japan-map table tbody tr").count() == 2
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        screenshot(page, f"country-japan-map-{path.strip('/').replace('/', '-')}-{width}")


@pytest.mark.parametrize("path", ["/countries/us/", "/ja/countries/us/"])
def test_a_country_pages_lines_map_passes_axe_and_is_screenshotted(page, records, path):
    page.goto(path)
    page.click("#lines-map summary")
    assert page.locator("#lines-map table tbody tr").count() == 2  # Tokyo and Osaka, each to the United States
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        screenshot(page, f"country-lines-map-{path.strip('/').replace('/', '-')}-{width}")


def test_a_keyboard_user_skips_the_maps_to_the_results(page, records):
    page.goto("/initiatives/")
    skip = page.locator(".search-figures .skip-link")
    assert skip.bounding_box()["width"] <= 1  # hidden until focused (not over the results' count)
    skip.focus()
    assert skip.is_visible() and skip.bounding_box()["width"] > 20  # shown when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.result') !== null")  # the first result's link
