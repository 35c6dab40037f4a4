"""An editor uploads a file with a broken row: the problems are readable at once, in both languages, on any screen."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import EDITORS
from initiatives.models import Initiative
from tests.factories import OrganizationFactory, PolicyAreaFactory

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long passphrase for the newsroom"
HEADER = "slug,title,kind,status,start_date,policy_areas,countries,lead_organization,funding_jpy,regions"
ROWS = [
    "g7-energy,G7 energy dialogue,policy_dialogue,completed,2016-05-26,energy,US,mofa,1200000,Americas",
    "broken,A broken row whose title is long enough to wrap in a narrow column of the table,"
    "policy_dialogue,active,2019-02-30,no-such-area,XX,mofa,abc,Asia",
]


@pytest.fixture
def editor(django_user_model):
    PolicyAreaFactory(slug="energy")
    OrganizationFactory(slug="mofa")
    user = django_user_model.objects.create_user("erin", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))


def sign_in(page):
    page.goto("/admin/login/")
    page.locator("#id_username").fill("erin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")


def upload(page, prefix, rows, tmp_path):
    file = tmp_path / "initiatives.csv"
    file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    page.goto(f"{prefix}/admin/initiatives/initiative/import/")
    page.locator("#id_import_file").set_input_files(str(file))
    page.locator("#id_format").select_option(label="csv")
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize(
    ("prefix", "heading", "number_message"),
    [
        ("", "4 problems: nothing was imported", "“abc” is not a whole number"),
        ("/ja", "4 件の問題があるため、何もインポートされていません", "「abc」は整数ではありません"),
    ],
    ids=["en", "ja"],
)
def test_a_broken_row_lists_its_four_problems_readably(page, editor, tmp_path, prefix, heading, number_message, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page)
    upload(page, prefix, ROWS, tmp_path)
    screenshot(page, f"import-problems-{prefix.strip('/') or 'en'}-{width}")
    assert page.locator("#import-problems").inner_text() == heading
    table = page.locator("table.import-problems")
    rows = table.locator("tbody tr")
    assert rows.count() == 4
    assert rows.locator("td.import-line").all_inner_texts() == ["3"] * 4
    columns = rows.locator("td.import-column").all_inner_texts()
    assert sorted(columns) == ["countries (G)", "funding_jpy (I)", "policy_areas (F)", "start_date (E)"]
    assert table.get_by_text(number_message).is_visible()  # in the page, not behind a hover
    # Nothing widens the page past the screen: no sideways scrolling.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert not Initiative.objects.exists()


def test_the_preview_labels_the_ignored_column_and_fits(page, editor, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page)
    upload(page, "", ROWS[:1], tmp_path)
    screenshot(page, "import-preview-en-1366")
    assert page.locator("p.import-ignored").inner_text() == "Ignored (not imported): regions"
    headers = page.locator("table.import-preview th").all_text_contents()
    assert {"regions (ignored)", "lead_sector (ignored)", "title", "funding_jpy"} <= set(headers)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
