"""The history of a record whose links changed: readable, in both languages, on a desktop and a phone."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from accounts.roles import EDITORS
from editorial.models import EditorialState
from tests.admin_forms import post_change
from tests.factories import InitiativeFactory, PolicyAreaFactory, country

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long passphrase for the newsroom"


@pytest.fixture
def initiative(django_user_model):
    user = django_user_model.objects.create_user("erin", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    energy = PolicyAreaFactory(slug="energy-links", name="Energy links", name_ja="エネルギー")
    record = InitiativeFactory(
        title="G7 energy dialogue",
        editorial_state=EditorialState.DRAFT,
        policy_areas=[energy],
        countries=[country("US")],
    )
    return record


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize(("prefix", "label"), [("", "Policy areas"), ("/ja", "政策分野")], ids=["en", "ja"])
def test_a_link_change_shows_in_the_history(page, initiative, prefix, label, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{prefix}/admin/login/")
    page.locator("#id_username").fill("erin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"**{prefix}/admin/")
    climate = PolicyAreaFactory(slug="climate-links", name="Climate links")
    editor = Client()  # the change itself through the admin's form, as tests/test_history_links.py makes it
    editor.force_login(get_user_model().objects.get(username="erin"))
    saved = post_change(editor, initiative, policy_areas=[str(climate.pk)], change_reason="Climate instead of energy")
    assert saved.status_code == 302
    page.goto(f"{prefix}/admin/initiatives/initiative/{initiative.pk}/history/")
    screenshot(page, f"history-links-{prefix.strip('/') or 'en'}-{width}")
    table = page.locator("#change-history")
    assert table.get_by_text("Climate instead of energy").first.is_visible()
    text = " ".join(table.inner_text().split())
    # Django's .set() removes, then adds: two rows, each with who and why; an empty side reads "—".
    assert f"{label}: [Energy links] → —" in text
    assert f"{label}: — → [Climate links]" in text
    assert "None" not in table.inner_text()
