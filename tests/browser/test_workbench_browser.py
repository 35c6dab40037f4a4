"""The analysts' workbench over the demo data, signed in as an analyst: each page in both languages as a phone
(390 px) and a desktop (1366 px) has no serious axe-core finding and no sideways scroll, with a screenshot in
test-artifacts/ (workbench-<page>-<language>-<width>.png); a cross-tab's cell opens the search it counts."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.roles import ANALYSTS
from demo.seed import seed_demo

from .helpers import axe_violations, describe, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]

PASSWORD = "a long passphrase for the analyst"
WIDTHS = (390, 1366)
PAGES = {
    "index": "/workbench/",
    "crosstab": "/workbench/initiatives/crosstab/?rows=area&cols=region&status=active&status=completed",
    "crosstab-wide": "/workbench/initiatives/crosstab/?rows=country&cols=area",
    "crosstab-partnerships": "/workbench/partnerships/crosstab/?rows=prefecture&cols=kind",
    "crosstab-unknown-facet": "/workbench/researchers/crosstab/?rows=nonsense&cols=stage",
    "network": "/workbench/network/",
    "network-countries": "/workbench/network/?graph=countries&status=active",
    "brief": "/workbench/countries/us/",
    "brief-small": "/workbench/countries/ke/",
}


@pytest.fixture
def analyst_page(page, django_user_model):
    with transaction.atomic():
        seed_demo()
    user = django_user_model.objects.create_user("analyst", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    page.goto("/accounts/login/")
    page.locator("main").locator("input[name=username]").fill("analyst")
    page.locator("main").locator("input[name=password]").fill(PASSWORD)
    page.locator("main").locator("button[type=submit]").click()
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("language", ["en", "ja"])
def test_workbench_pages_are_accessible_and_fit_a_phone_and_a_desktop(analyst_page, language):
    page, prefix, problems = analyst_page, "/ja" if language == "ja" else "", {}
    for name, path in PAGES.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(f"{prefix}{path}")
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            if violations := axe_violations(page):
                problems[f"{path} at {width} px"] = describe(violations)
            if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > width:
                problems[f"{path} at {width} px"] = f"the page is {scroll_width} px wide"
            screenshot(page, f"workbench-{name}-{language}-{width}")
    assert problems == {}, "\n".join(f"{where}:\n{what}" for where, what in problems.items())


def test_an_analyst_picks_two_facets_and_a_cell_opens_the_search_it_counts(analyst_page):
    page = analyst_page
    page.goto("/workbench/")
    page.get_by_role("link", name="Cross-tab of Initiatives").click()
    page.get_by_label("Rows").select_option("kind")
    page.get_by_label("Columns").select_option("status")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "rows=kind" in page.url and "cols=status" in page.url

    cell = page.locator("table.crosstab tbody td a").first
    count = int(cell.inner_text().replace(",", ""))
    cell.click()
    page.wait_for_load_state()
    assert re.search(r"/initiatives/\?.*kind=.*status=", page.url)
    assert re.match(rf"{count} (initiative|initiatives)\b", page.locator("#result-count").inner_text())


def test_the_country_brief_prints_on_a4_without_the_site_chrome(analyst_page):
    page = analyst_page
    page.goto("/workbench/countries/us/")
    page.emulate_media(media="print")

    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert page.locator("table.crosstab").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
