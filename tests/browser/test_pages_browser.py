"""The public pages in a real browser: no serious accessibility violation, and cross-links that lead somewhere."""

import pytest

from .factories_for_pages import sample_records
from .helpers import axe_violations, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def records():
    return sample_records()


def pages_of(records):
    return {
        "home": "/",
        "initiative": records["initiative"].get_absolute_url(),
        "researcher": records["researcher"].get_absolute_url(),
        "partnership": records["partnership"].get_absolute_url(),
        "organization": records["initiative"].lead_organization.get_absolute_url(),
        "country": "/countries/ke/",
    }


@pytest.mark.parametrize("width", [1280, 390])
def test_home_and_detail_pages_have_no_serious_accessibility_violations(page, records, width):
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in pages_of(records).items():
        response = page.goto(url)
        assert response.status == 200, url
        violations = axe_violations(page)
        assert violations == [], f"{url}:\n{describe(violations)}"
        # Usable on a phone: nothing pushes the page sideways (wide tables scroll inside their own box).
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        screenshot(page, f"pages-{name}-{width}")


def test_following_cross_links_from_an_initiative_to_its_organization_and_back(page, records):
    initiative = records["initiative"]
    organization = initiative.lead_organization
    page.goto(initiative.get_absolute_url())
    page.get_by_role("complementary", name="Key facts").get_by_role("link", name=str(organization)).click()
    page.wait_for_url(f"**{organization.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text().startswith(organization.name)

    page.get_by_role("link", name=initiative.title).click()
    page.wait_for_url(f"**{initiative.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == initiative.title


def test_the_search_box_in_the_header_leads_to_the_search_page(page, records):
    page.goto(records["initiative"].get_absolute_url())
    page.get_by_role("search").get_by_role("searchbox").fill("drought")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=drought")
    assert "drought" in page.url


def test_the_not_found_page_is_accessible_and_offers_a_way_on(page):
    response = page.goto("/initiatives/no-such-initiative/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "pages-not-found")
