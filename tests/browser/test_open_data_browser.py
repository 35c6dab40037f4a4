"""/data/ and a detail page's JSON-LD in a real Chromium under the site's CSP: axe finds nothing serious, nothing
pushes the page sideways, the CSP blocks nothing, and the browser reads the JSON-LD block as data."""

import json

import pytest

from releases.writer import write_release
from tests.factories import InitiativeFactory, OrganizationFactory, country

from .helpers import axe_violations, describe, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]


def csp_messages(page):
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    return blocked


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_data_page_is_accessible_at_both_widths(page, releases_dir, prefix):
    InitiativeFactory()
    write_release()
    InitiativeFactory()
    write_release()  # the second has a change summary: the widest table
    blocked = csp_messages(page)
    problems = {}
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(f"{prefix}/data/").status == 200
        if violations := axe_violations(page):
            problems[width] = describe(violations)
        if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > width:
            problems[width] = f"the page is {scroll_width} px wide"
        screenshot(page, f"data-releases{prefix.replace('/', '-')}-{width}")
    assert problems == {}
    assert blocked == []


def test_detail_page_json_ld_is_read_as_data_and_the_csp_blocks_nothing(page):
    lead = OrganizationFactory(name="University of Tokyo", country=country("JP"), ror_id="057zh3y96")
    initiative = InitiativeFactory(title="Arctic observations", lead_organization=lead)
    blocked = csp_messages(page)
    assert page.goto(initiative.get_absolute_url()).status == 200
    text = page.locator('script[type="application/ld+json"]').text_content()
    data = json.loads(text)
    assert data["name"] == "Arctic observations"
    assert data["funder"]["sameAs"] == ["https://ror.org/057zh3y96"]
    assert blocked == []
