"""The map figures in a real Chromium, under the site's CSP: axe, keyboard, phone width, screenshots.

The page (``tests/maps_page.py``) holds one of each renderer in the site's layout; it is served through
a test-only URLconf that adds it to the site's URLs.
"""

import pytest

from .helpers import axe_violations, describe, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("tests.maps_urls"),
]


@pytest.mark.parametrize("path", ["/maps-test/", "/ja/maps-test/"])
def test_axe_finds_nothing_serious_and_the_csp_blocks_nothing(page, path):
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    response = page.goto(path)
    assert "unsafe-inline" not in response.headers.get("content-security-policy", "unsafe-inline missing header")
    page.click("#world-map summary")  # the table too
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert blocked == []


def test_a_country_is_reached_with_tab_and_followed_with_enter(page):
    page.goto("/maps-test/?only=world")
    first_country = page.locator("#world-map a.map-link").first
    href = first_country.get_attribute("href")
    page.locator("#world-map").scroll_into_view_if_needed()
    for _ in range(60):  # past the header's links, into the map
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('map-link')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == href
    outline = page.evaluate("getComputedStyle(document.activeElement.querySelector('.map-area')).stroke")
    assert outline == "rgb(194, 65, 12)"  # the site's focus colour, on the focused country
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")


def test_the_table_is_one_click_away(page):
    page.goto("/maps-test/?only=japan")
    table = page.locator("#japan-map details table")
    assert not table.is_visible()
    page.click("#japan-map summary")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 47


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_maps_fit_the_width_and_are_screenshotted(page, width, language):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/maps-test/" if language == "en" else "/ja/maps-test/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    for figure in ("world-map", "japan-map", "lines-map", "year-histogram"):
        box = page.locator(f"#{figure} svg.map-svg").bounding_box()
        assert box["width"] <= width and box["height"] > 50
    screenshot(page, f"maps-{language}-{width}")


def test_printing_keeps_the_maps(page):
    page.emulate_media(media="print")
    page.goto("/maps-test/")
    for figure in ("world-map", "japan-map", "lines-map", "year-histogram"):
        assert page.locator(f"#{figure} svg.map-svg").is_visible()
