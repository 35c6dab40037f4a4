"""A reviewer opens the curation page, follows a count to its list, and merges a duplicate organization."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import EDITORS, REVIEWERS
from directory.models import Organization
from tests.factories import InitiativeFactory, OrganizationFactory

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long passphrase for the newsroom"


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rei", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS), Group.objects.get(name=REVIEWERS))
    user.user_permissions.add(*Permission.objects.filter(codename="delete_organization"))
    kept = OrganizationFactory(name="Tohoku University", name_ja="東北大学")
    duplicate = OrganizationFactory(name="Tohoku Universty", name_ja="")
    InitiativeFactory(title="Disaster risk reduction in Sendai", lead_organization=duplicate, last_reviewed=None)
    InitiativeFactory(
        title="A long title for an initiative reviewed long ago, to see how a long line wraps on a phone",
        lead_organization=kept,
        last_reviewed=datetime.date(2020, 1, 1),
    )
    return kept, duplicate


def sign_in(page, prefix=""):
    page.goto(f"{prefix}/admin/login/")
    page.locator("#id_username").fill("rei")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"**{prefix}/admin/")


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize(("prefix", "heading"), [("", "Likely duplicates"), ("/ja", "重複の可能性")], ids=["en", "ja"])
def test_the_curation_page_and_the_index_fit_in_both_languages(page, reviewer, prefix, heading, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, prefix)
    assert page.locator("#curation-summary").is_visible()
    assert no_sideways_scroll(page)
    screenshot(page, f"admin-index-{prefix.strip('/') or 'en'}-{width}")
    page.goto(f"{prefix}/admin/curation/")
    assert page.locator("#duplicates").inner_text() == heading
    assert no_sideways_scroll(page)
    screenshot(page, f"curation-{prefix.strip('/') or 'en'}-{width}")


def test_a_count_leads_to_its_list_and_a_pair_is_merged(page, reviewer):
    kept, duplicate = reviewer
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page)
    page.goto("/admin/curation/")
    row = page.locator("table.curation-lines tr", has_text="Initiatives").filter(has_text="or never")
    count = row.locator("td.curation-count").inner_text()
    row.locator("td.curation-count a").click()
    page.wait_for_url("**curation=review_due**")
    assert page.locator("#result_list tbody tr").count() == int(count) == 2
    page.goto("/admin/curation/")
    page.get_by_role("button", name=f"Keep #{kept.pk}, merge #{duplicate.pk} into it").click()
    page.wait_for_url("**/admin/curation/")
    assert page.locator(".messagelist .success").inner_text().startswith("Merged “Tohoku Universty” into")
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert kept.led_initiatives.count() == 2
