"""Layout a newcomer noticed, measured in Chromium: tables keep short values on one line and use the width."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def overflowing_cells(page, selector):
    """Cells whose content is wider than the cell (crushed), as their text."""
    return page.eval_on_selector_all(
        selector, "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.trim())"
    )


def wrapped(page, selector):
    """Elements whose text runs over more than one line, as their text."""
    return page.eval_on_selector_all(
        selector,
        """elements => elements.filter(e => {
            const range = document.createRange();
            range.selectNodeContents(e);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return tops.size > 1;
        }).map(e => e.textContent.trim())""",
    )


@pytest.mark.parametrize("path", ["/api/", "/ja/api/"])
@pytest.mark.parametrize("width", [390, 768, 1024, 1440])
def test_the_api_pages_parameter_tables_are_readable_from_phone_to_desktop(page, width, path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    names = ".api-docs table td:first-child code"
    assert page.locator(names).count() >= 20
    assert wrapped(page, names) == []  # "year_from", never "year _fro m"
    assert overflowing_cells(page, ".api-docs table td") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width >= 1024:  # a desktop's tables span the content column, not a 600 px strip
        content = page.evaluate("document.querySelector('main').clientWidth")
        for table_width in page.eval_on_selector_all(".api-docs table", "ts => ts.map(t => t.offsetWidth)"):
            assert table_width >= 0.9 * (content - 32), (table_width, content)


@pytest.mark.parametrize("width", [1024, 1366])
def test_a_researchers_exchange_table_keeps_years_and_country_on_one_line(page, width):
    researcher = f.ResearcherFactory(given_name="Yoko", family_name="Ishikawa")
    host = f.OrganizationFactory(name="Portland State University", country=f.country("US"))
    f.ExchangeFactory(
        researcher=researcher,
        host_organization=host,
        country=f.country("US"),
        programme="Fulbright research award",
        start_date=datetime.date(2014, 8, 15),
        end_date=datetime.date(2015, 5, 31),
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(researcher.get_absolute_url())
    cells = page.locator(".stack-table td.nowrap")
    expect(cells).to_have_text(["2014–2015", "United States"])
    assert wrapped(page, ".stack-table td.nowrap") == []
    page.set_viewport_size({"width": 390, "height": 900})  # a phone: one card a row, nothing sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
