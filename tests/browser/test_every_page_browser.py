"""Every public page type, over the demo data, in both languages, as a phone (390 px) and a desktop (1366 px):
axe-core finds nothing serious or critical, nothing pushes the page sideways, and each gets a screenshot in
test-artifacts/ (every-<page>-<language>-<width>.png) for a person to look at."""

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

# name: (path, expected status); the demo data's records (demo/data/).
PAGES = {
    "home": ("/", 200),
    "initiatives": ("/initiatives/", 200),
    "initiatives-filtered": ("/initiatives/?area=climate-change&region=asia&status=active&year_from=2010", 200),
    "initiatives-text": ("/initiatives/?q=climate", 200),
    "initiatives-page-2": ("/initiatives/?sort=title&page=2", 200),
    "researchers": ("/researchers/", 200),
    "researchers-filtered": ("/researchers/?stage=early_career&english=C1&exchange=yes", 200),
    "partnerships": ("/partnerships/", 200),
    "partnerships-filtered": ("/partnerships/?kind=sister_state&country=US&since_from=1960", 200),
    "partnerships-empty": ("/partnerships/?kind=workation&country=FR", 200),
    "initiative": ("/initiatives/satreps-indonesia-peatland-fire/", 200),
    "researcher": ("/researchers/ishikawa-yoko/", 200),
    "partnership": ("/partnerships/aichi-victoria/", 200),
    "organization": ("/organizations/u-tokyo/", 200),
    "country": ("/countries/us/", 200),
    "country-japan": ("/countries/jp/", 200),
    "one-box-search": ("/search/?q=climate", 200),
    "login": ("/accounts/login/", 200),
    "not-found": ("/initiatives/no-such-initiative/", 404),
    "api": ("/api/", 200),
}
STAFF = {"reports": ("/reports/", 200)}


@pytest.fixture
def committed_demo_data():
    with transaction.atomic():
        seed_demo()


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("analyst", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return user


def check(page, name, path, status, language, problems):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(path)
        assert response.status == status, path
        assert page.locator("html").get_attribute("lang") == language, path
        violations = axe_violations(page)
        if violations:
            problems[f"{path} at {width} px"] = describe(violations)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems[f"{path} at {width} px"] = f"the page is {scroll_width} px wide"
        screenshot(page, f"every-{name}-{language}-{width}")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_page_type_is_accessible_and_fits_a_phone_and_a_desktop(page, committed_demo_data, analyst, language):
    prefix = "/ja" if language == "ja" else ""
    problems = {}
    for name, (path, status) in PAGES.items():
        check(page, name, f"{prefix}{path}", status, language, problems)

    page.goto(f"{prefix}/accounts/login/")  # the reports are for analysts: signed in like one
    page.locator("main").locator("input[name=username]").fill("analyst")
    page.locator("main").locator("input[name=password]").fill(PASSWORD)
    page.locator("main").locator("button[type=submit]").click()
    page.wait_for_load_state()
    for name, (path, status) in STAFF.items():
        check(page, name, f"{prefix}{path}", status, language, problems)

    assert problems == {}, "\n".join(f"{where}:\n{what}" for where, what in problems.items())
