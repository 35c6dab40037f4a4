"""The reports' maps (issue 13, item 7) in a real Chromium, signed in as an analyst: the world map and the
partnership-lines map for the year range, axe and the CSP on the page in both languages, nothing wider than a
phone, screenshots at 1366 and 390 px in English and Japanese."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import ANALYSTS
from tests.test_reports_maps import records  # noqa: F401 - the fixture: initiatives and partnerships, a draft each

from .helpers import ARTIFACTS, artifact, axe_violations, describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("japanese_catalogue"),
]

PASSWORD = "a long passphrase for the analyst"


@pytest.fixture
def signed_in(page, django_user_model):
    user = django_user_model.objects.create_user("analyst", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill("analyst")
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("path", ["/reports/?year_from=2000", "/ja/reports/?year_from=2000"])
def test_the_reports_maps_pass_axe_fit_a_phone_and_are_screenshotted(signed_in, records, path):  # noqa: F811
    page = signed_in
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    page.goto(path)
    assert page.locator("#report-world-map svg.map-svg").is_visible()
    assert page.locator("#report-lines-map svg.map-svg").is_visible()
    # The year range applies: Tokyo's partnership of 1990 is left out, Osaka's two are drawn.
    assert page.locator("#report-lines-map path.map-arc").count() == 2
    for summary in page.locator("#initiatives-world-map summary, #partnership-lines summary").all():
        summary.click()  # the tables too
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert blocked == []
    language = "ja" if path.startswith("/ja/") else "en"
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        ARTIFACTS.mkdir(exist_ok=True)
        for section in ("initiatives-world-map", "partnership-lines"):  # the maps, not the whole long page
            page.locator(f"#{section}").screenshot(path=str(artifact(f"reports-{section}-{language}-{width}")))
