"""Suggestions as you type (static/js/suggest.js) in a real Chromium: every search box is a WAI-ARIA 1.2
combobox (keys, states, the announced count), a chosen facet joins the register's search and a chosen
record or name opens its page, axe finds nothing serious with the list open, on a desktop and a phone; and
without JavaScript each box is a plain search form."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from directory.models import Country, PolicyArea
from tests import factories as f

from .helpers import axe_violations, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def records():
    vietnam, climate = Country.objects.get(iso2="VN"), PolicyArea.objects.get(slug="climate-change")
    for n in range(3):
        f.InitiativeFactory(
            title=f"Mekong delta climate study {n}",
            title_ja=f"メコンデルタ気候研究{n}",
            countries=[vietnam],
            policy_areas=[climate],
            status="active" if n else "completed",
        )
    f.InitiativeFactory(title="Climbing robots for disaster response", slug="climbing-robots")
    f.OrganizationFactory(slug="jsps", name="Japan Society for the Promotion of Science", acronym="JSPS")


def query(page):
    return sorted(parse_qsl(urlsplit(page.url).query))


def combobox(page, selector):
    box = page.locator(selector)
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    return box


def status_of(box):
    """The polite live region beside the box that says how many suggestions there are."""
    return box.locator("xpath=..").locator("[role=status]")


def listbox_of(page, box):
    return page.locator(f"#{box.get_attribute('aria-controls')}")


def test_arrows_and_enter_add_the_chosen_facet_to_the_register_search(page, records):
    page.goto("/initiatives/?status=active&q=mekong")
    box = combobox(page, "#search-q")
    box.fill("")
    box.press_sequentially("clim")
    listbox = listbox_of(page, box)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Climate change")
    expect(options.first).to_contain_text("Policy area · Initiatives: 3")
    expect(status_of(box)).to_have_text(f"{options.count()} suggestions")
    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("ArrowUp")  # wraps to the last
    expect(options.last).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")  # and back to the first
    expect(first).to_have_attribute("aria-selected", "true")
    screenshot(page, "suggest-register-desktop")
    assert not axe_violations(page), describe(axe_violations(page))
    box.press("Enter")
    page.wait_for_url("**area=climate-change**")
    # The typed text was for finding the facet: it is dropped, the other filters stay.
    assert query(page) == [("area", "climate-change"), ("status", "active")]
    expect(page.locator("#result-count")).to_contain_text("2 initiatives")


def test_escape_closes_the_list_and_enter_then_searches_the_text(page, records):
    page.goto("/initiatives/")
    box = combobox(page, "#search-q")
    box.press_sequentially("clim")
    listbox = listbox_of(page, box)
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", "")
    assert box.get_attribute("aria-activedescendant") is None
    expect(box).to_have_value("clim")  # Escape closed the list only
    box.press("Enter")  # no option chosen: the form's own search
    page.wait_for_url("**q=clim**")


def test_a_record_opens_its_page_from_the_home_page_box(page, records):
    page.goto("/")
    box = combobox(page, "#home-search-q")
    box.press_sequentially("climbing")
    option = listbox_of(page, box).get_by_role("option", name="Climbing robots for disaster response")
    expect(option).to_contain_text("Initiative")
    option.click()
    page.wait_for_url("**/initiatives/climbing-robots/")


def test_a_name_the_register_has_no_facet_for_opens_its_page(page, records):
    page.goto("/search/")
    box = combobox(page, "#site-q")
    box.press_sequentially("jsp")
    expect(listbox_of(page, box).get_by_role("option").first).to_contain_text(
        "Japan Society for the Promotion of Science (JSPS)"
    )
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/organizations/jsps/")


def test_japanese_page_suggests_in_japanese_on_a_phone(browser, live_server, records):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/ja/initiatives/")
        box = combobox(page, "#search-q")
        box.press_sequentially("メコン")
        listbox = listbox_of(page, box)
        expect(listbox).to_be_visible()
        expect(listbox).to_have_attribute("aria-label", "候補")
        expect(listbox.get_by_role("option").first).to_contain_text("イニシアティブ")
        expect(status_of(box)).to_have_text("3件の候補")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]  # the list fits the phone's screen
        screenshot(page, "suggest-register-phone-ja")
        assert not axe_violations(page), describe(axe_violations(page))
        page.goto("/ja/researchers/")
        box = combobox(page, "#site-search-q")  # the header's box searches every register
        box.press_sequentially("ベトナ")
        option = listbox_of(page, box).get_by_role("option").first
        expect(option).to_contain_text("ベトナム")
        expect(option).to_contain_text("国 · イニシアティブ 3件")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "suggest-header-phone-ja")
        assert not axe_violations(page), describe(axe_violations(page))
        box.press("ArrowDown")
        box.press("Enter")
        page.wait_for_url("**/ja/countries/vn/")
    finally:
        context.close()


def test_one_character_suggests_nothing(page, records):
    page.goto("/initiatives/")
    box = combobox(page, "#search-q")
    box.press_sequentially("c")
    page.wait_for_timeout(400)  # longer than the typing delay
    expect(listbox_of(page, box)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_without_javascript_each_box_is_a_plain_search(browser, live_server, records):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/initiatives/")
        box = page.locator("#search-q")
        assert box.get_attribute("role") is None  # no combobox promised that nothing would keep
        box.fill("mekong")
        box.press("Enter")
        page.wait_for_url("**q=mekong**")
        expect(page.locator("#result-count")).to_contain_text("3 initiatives")
        page.locator("#site-search-q").fill("mekong")
        page.locator("#site-search-q").press("Enter")
        page.wait_for_url("**/search/?q=mekong")
    finally:
        context.close()
