"""Switching language in a real Chromium: the same search, with the same filters, in the other language."""

import pytest

from tests import factories as f

from .helpers import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]


@pytest.fixture
def records():
    climate = f.PolicyAreaFactory(slug="climate-change", name="Climate change", name_ja="気候変動")
    food = f.PolicyAreaFactory(slug="food-security", name="Food security", name_ja="食料安全保障")
    for i in range(6):
        f.InitiativeFactory(
            title=f"Ocean programme {i}",
            title_ja=f"海洋プログラム{i}" if i % 2 else "",
            status="active" if i % 3 else "completed",
            policy_areas=[climate] if i < 4 else [food],
        )


def result_count(page):
    return page.locator("#result-count").inner_text()


def test_language_switcher_keeps_the_page_and_its_filters(page, records):
    page.goto("/initiatives/")
    page.locator('input[name="area"][value="climate-change"]').check()  # search.js submits on change
    page.wait_for_url("**area=climate-change**")
    page.locator('input[name="status"][value="active"]').check()
    page.wait_for_url("**status=active**")
    assert result_count(page).startswith("2 ")  # i = 1, 2

    page.locator("[data-language-switch=ja]").click()
    page.wait_for_url("**/ja/initiatives/?**")
    assert "area=climate-change" in page.url and "status=active" in page.url
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator('input[name="area"][value="climate-change"]').is_checked()
    assert page.locator('input[name="status"][value="active"]').is_checked()
    assert page.locator('input[name="area"][value="climate-change"] + label').inner_text().startswith("気候変動")
    assert page.get_by_role("link", name="政策分野: 気候変動").is_visible()  # the chip, in Japanese
    assert result_count(page) == "イニシアティブ 2件"
    titles = page.locator(".result__title").all_inner_texts()
    assert "海洋プログラム1" in titles  # the Japanese title; the other is English, marked as such
    assert any(title.startswith("Ocean programme 2") and "英語" in title for title in titles)
    screenshot(page, "language-ja-initiatives")

    page.locator("[data-language-switch=en]").click()
    page.wait_for_url(lambda url: "/ja/" not in url and "area=climate-change" in url and "status=active" in url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Policy area: Climate change").is_visible()
    assert result_count(page).startswith("2 initiatives")
