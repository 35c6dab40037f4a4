"""In-place search updates (static/js/search.js) in a real Chromium: one fragment request per change, no
reload, the URL and history follow, focus and place are kept, only the newest answer shows, failures leave no
half-updated page; and without JavaScript the same search works through plain form submissions."""

import contextlib
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests import factories as f

from .factories_for_pages import ocean_initiatives
from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTIVE = 'input[name="status"][value="active"]'
COMPLETED = 'input[name="status"][value="completed"]'
CLIMATE = 'input[name="area"][value="climate-change"]'


@pytest.fixture
def records():
    ocean_initiatives()


def is_fragment(request):
    return request.headers.get("x-search-fragment") == "1"


@pytest.fixture
def fragments(page):
    """The URLs of the fragment requests the page makes, in order."""
    seen = []
    page.on("request", lambda request: seen.append(request.url) if is_fragment(request) else None)
    return seen


def mark_document(page):
    """A flag only this document has: it survives in-place updates and is gone after any page load."""
    page.evaluate("window.__samePage = true")


def same_document(page):
    return page.evaluate("window.__samePage === true")


def query(page):
    """The page's search parameters, in any order."""
    return sorted(parse_qsl(urlsplit(page.url).query))


def focused(page):
    """The focused element: "name=value" for a checkbox, else its id (or tag name)."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.type === 'checkbox' ? `${e.name}=${e.value}` : e.id || e.tagName; }"
    )


def test_ticking_a_facet_updates_results_counts_and_chips_in_place_with_one_request(page, records, fragments):
    page.goto("/initiatives/?q=ocean")
    mark_document(page)
    assert page.locator("#search-status").inner_text() == ""  # nothing announced on arrival

    page.locator(ACTIVE).check()
    expect(page.locator("#result-count")).to_have_text("30 initiatives, page 1 of 2")
    assert page.url.endswith("/initiatives/?q=ocean&status=active")
    assert len(fragments) == 1
    assert same_document(page)  # no reload
    assert page.locator(f"{COMPLETED} + label .facet__count").inner_text().startswith("15")  # its own facet ignored
    assert page.locator(f"{CLIMATE} + label .facet__count").inner_text().startswith("15")
    expect(page.get_by_role("link", name="Status: Active")).to_be_visible()  # the chip
    expect(page.locator("#search-filters > summary")).to_have_text("Filters (2 active)")
    assert page.title() == "“ocean” in initiatives · techdiplo"
    expect(page.locator("#search-status")).to_have_text("30 initiatives, page 1 of 2")  # read out, politely
    assert page.locator("#search-status").get_attribute("role") == "status"
    assert page.locator("[data-language-switch]").get_attribute("href") == "/ja/initiatives/?q=ocean&status=active"
    assert focused(page) == "status=active"


def test_back_and_forward_walk_the_searches_and_restore_the_controls(page, records):
    page.goto("/initiatives/")
    mark_document(page)
    page.locator(ACTIVE).check()
    expect(page.locator("#result-count")).to_have_text("30 initiatives, page 1 of 2")
    page.locator(CLIMATE).check()
    expect(page.locator("#result-count")).to_have_text("15 initiatives")
    page.locator("#search-q").fill("programme 01")
    page.locator("#search-q").press("Enter")
    expect(page.locator("#result-count")).to_have_text("1 initiative")

    page.go_back()
    expect(page.locator("#result-count")).to_have_text("15 initiatives")
    expect(page.locator("#search-q")).to_have_value("")
    assert query(page) == [("area", "climate-change"), ("status", "active")]
    page.go_back()
    expect(page.locator("#result-count")).to_have_text("30 initiatives, page 1 of 2")
    expect(page.locator(CLIMATE)).not_to_be_checked()
    expect(page.locator(ACTIVE)).to_be_checked()
    page.go_forward()
    expect(page.locator("#result-count")).to_have_text("15 initiatives")
    expect(page.locator(CLIMATE)).to_be_checked()
    page.go_forward()
    expect(page.locator("#search-q")).to_have_value("programme 01")
    expect(page.locator("#result-count")).to_have_text("1 initiative")
    assert same_document(page)


def test_sort_keeps_focus_on_the_select(page, records):
    page.goto("/initiatives/?q=ocean")
    mark_document(page)
    page.locator("#search-sort").focus()
    page.locator("#search-sort").select_option("title")
    page.wait_for_url("**sort=title**")
    expect(page.locator(".result__title").first).to_have_text("Ocean programme 00")
    assert focused(page) == "search-sort"
    assert page.locator("#search-sort").input_value() == "title"
    assert same_document(page)


def test_removing_chips_moves_focus_to_the_next_chip_then_to_the_results_heading(page, records):
    page.goto("/initiatives/?q=ocean&status=active&area=climate-change")
    mark_document(page)
    chips = page.locator(".chips a.chip")
    expect(chips).to_have_count(3)
    chips.nth(1).focus()  # Text, Policy area, Status: the policy area
    page.keyboard.press("Enter")
    expect(chips).to_have_count(2)
    assert page.url.endswith("/initiatives/?q=ocean&status=active")
    expect(page.locator(":focus")).to_contain_text("Status: Active")  # the chip that took its place
    page.keyboard.press("Enter")
    expect(chips).to_have_count(1)
    expect(page.locator(":focus")).to_contain_text("Text: “ocean”")  # nothing after it: the one before
    page.keyboard.press("Enter")
    expect(page.locator(".chips")).to_have_count(0)
    assert focused(page) == "result-count"  # no chip left: the heading that states the new total
    expect(page.locator("#result-count")).to_have_text("45 initiatives, page 1 of 3")
    assert same_document(page)


def test_paging_moves_focus_to_the_results_heading_in_view(page, records):
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto("/initiatives/?q=ocean&sort=title")
    mark_document(page)
    next_link = page.get_by_role("navigation", name="Pages of results").get_by_role("link", name="Next")
    next_link.focus()  # scrolled down to the pagination
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2**")
    expect(page.locator(".result__title").first).to_have_text("Ocean programme 20")
    assert focused(page) == "result-count"
    top = page.evaluate("document.getElementById('result-count').getBoundingClientRect().top")
    assert 0 <= top < 700
    assert same_document(page)


def test_rapid_changes_never_show_an_older_answer_after_a_newer_one(page, records):
    held = []

    def hold_the_first_answer(route):
        if is_fragment(route.request) and not held:
            held.append(route)  # answered only after the second search has been shown
            return
        route.continue_()

    page.route("**/initiatives/**", hold_the_first_answer)
    page.goto("/initiatives/")
    page.locator(ACTIVE).check()  # its answer is held back
    page.locator(CLIMATE).check()  # a newer search: active and climate change
    expect(page.locator("#result-count")).to_have_text("15 initiatives")
    with contextlib.suppress(Exception):  # an aborted request can no longer be continued, which is the point
        held[0].continue_()  # the old answer arrives late (if the browser still wants it: it aborted it)
    page.wait_for_timeout(1000)
    expect(page.locator("#result-count")).to_have_text("15 initiatives")
    assert query(page) == [("area", "climate-change"), ("status", "active")]
    expect(page.locator(ACTIVE)).to_be_checked()
    expect(page.locator(CLIMATE)).to_be_checked()


def test_a_server_error_falls_back_to_a_normal_page_load(page, records):
    page.route(
        "**/initiatives/**",
        lambda route: route.fulfill(status=500, body="boom") if is_fragment(route.request) else route.continue_(),
    )
    page.goto("/initiatives/")
    mark_document(page)
    page.locator(ACTIVE).check()
    page.wait_for_url("**status=active**")
    expect(page.locator("#result-count")).to_have_text("30 initiatives, page 1 of 2")  # the real page
    assert not same_document(page)
    expect(page.locator(ACTIVE)).to_be_checked()


def test_too_many_requests_leaves_the_page_as_it_was_with_a_message(page, records):
    def busy(route):
        if is_fragment(route.request):
            route.fulfill(status=429, headers={"Retry-After": "30"}, body="slow down")
        else:
            route.continue_()

    page.route("**/initiatives/**", busy)
    page.goto("/initiatives/")
    mark_document(page)
    page.locator(ACTIVE).click()  # ticked, then unticked again when the update fails
    expect(page.get_by_role("alert")).to_contain_text("try again in 30 seconds")
    expect(page.locator(ACTIVE)).not_to_be_checked()  # the controls match the results still shown
    expect(page.locator("#result-count")).to_have_text("45 initiatives, page 1 of 3")
    assert page.url.endswith("/initiatives/")
    assert same_document(page)


def test_a_lost_connection_leaves_the_page_as_it_was_with_a_message_and_the_next_change_works(page, records):
    page.route(
        "**/initiatives/**",
        lambda route: route.abort("internetdisconnected") if is_fragment(route.request) else route.continue_(),
    )
    page.goto("/initiatives/")
    mark_document(page)
    page.locator(ACTIVE).click()  # ticked, then unticked again when the update fails
    expect(page.get_by_role("alert")).to_contain_text("the server did not answer")
    expect(page.locator(ACTIVE)).not_to_be_checked()
    assert page.url.endswith("/initiatives/")

    page.unroute("**/initiatives/**")
    page.locator(CLIMATE).check()
    expect(page.locator("#result-count")).to_have_text("22 initiatives, page 1 of 2")
    expect(page.get_by_role("alert")).to_be_hidden()
    assert same_document(page)


def tab_to(page, selector, limit=400):  # the map's countries and the timeline's years are tab stops too
    """Press Tab until the element matching ``selector`` has focus (keyboard only, as a person would)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_on_a_phone_two_facets_ticked_with_the_keyboard_keep_focus_and_the_open_panel(page, records):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/initiatives/")
    panel = page.locator("#search-filters")
    assert not panel.evaluate("details => details.open")  # folded on a phone
    mark_document(page)

    tab_to(page, "#search-filters > summary")
    page.keyboard.press("Space")
    assert panel.evaluate("details => details.open")
    for checkbox, expected in ((ACTIVE, "30 initiatives, page 1 of 2"), (CLIMATE, "15 initiatives")):
        tab_to(page, checkbox)
        top = page.locator(checkbox).evaluate("e => e.getBoundingClientRect().top")
        page.keyboard.press("Space")
        expect(page.locator("#result-count")).to_have_text(expected)
        expect(page.locator(checkbox)).to_be_focused()
        expect(page.locator(checkbox)).to_be_checked()
        assert panel.evaluate("details => details.open")
        assert abs(page.locator(checkbox).evaluate("e => e.getBoundingClientRect().top") - top) < 2  # not moved
        screenshot(page, f"search-keyboard-phone-{checkbox.split('=')[1].split(']')[0]}")
    assert query(page) == [("area", "climate-change"), ("status", "active")]
    assert same_document(page)


def test_without_javascript_the_form_submits_and_links_load_pages(browser, live_server, records):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto("/initiatives/?q=ocean")
        assert page.locator("#search-filters").evaluate("details => details.open")  # nothing folds it
        page.locator(ACTIVE).check()  # nothing happens by itself
        assert page.url.endswith("/initiatives/?q=ocean")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**status=active**")
        expect(page.locator("#result-count")).to_have_text("30 initiatives, page 1 of 2")
        page.get_by_role("link", name="Status: Active").click()
        page.wait_for_url(lambda url: "status=active" not in url)
        expect(page.locator("#result-count")).to_have_text("45 initiatives, page 1 of 3")
        page.locator("#search-sort").select_option("title")
        page.get_by_role("button", name="Sort", exact=True).click()
        page.wait_for_url("**sort=title**")
        expect(page.locator(".result__title").first).to_have_text("Ocean programme 00")
    finally:
        context.close()


def test_a_value_ticked_behind_show_all_keeps_its_list_open_and_focus(page):
    iso2s = ["US", "KE", "DE", "FR", "BR", "IN", "GB", "CA", "AU", "TH", "VN", "GH"]
    for i, iso2 in enumerate(iso2s):  # twelve partner countries: ten shown, two behind "Show all"
        f.InitiativeFactory.create_batch(len(iso2s) - i, countries=[f.country(iso2)])
    page.goto("/initiatives/")
    mark_document(page)
    more = page.locator("details.facet__more", has=page.locator('input[name="country"]'))
    more.locator("summary").click()
    ghana = more.locator('input[name="country"][value="GH"]')
    ghana.focus()
    page.keyboard.press("Space")
    expect(page.locator("#result-count")).to_have_text("1 initiative")
    expect(page.locator('input[name="country"][value="GH"]')).to_be_focused()
    expect(page.locator('input[name="country"][value="GH"]')).to_be_checked()
    assert page.locator("details.facet__more", has=page.locator('input[name="country"]')).evaluate("d => d.open")
    assert same_document(page)
