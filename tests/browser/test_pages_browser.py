"""The public pages in a real browser: cross-links that lead somewhere, a search box, an accessible 404.
(Every page type's accessibility, in both languages and at both widths: test_every_page_browser.py.)"""

import pytest

from .factories_for_pages import sample_records
from .helpers import axe_violations, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def records():
    return sample_records()


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
    page.get_by_role("search").get_by_role("combobox").fill("drought")
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
