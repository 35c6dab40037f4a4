"""An analyst signs in on the site, searches, clicks the export link and gets the same records as a file."""

import csv
import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from accounts.roles import ANALYSTS
from tests.factories import InitiativeFactory

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long passphrase for the analyst"


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("analyst", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return user


def sign_in(page, next_url):
    page.goto(next_url)
    assert not page.get_by_role("link", name="XLSX").count()  # the analysts' XLSX needs signing in
    page.goto(f"/accounts/login/?{urlencode({'next': next_url})}")  # the site's own sign-in page
    page.locator("main").get_by_label("Username").fill("analyst")
    page.locator("main").get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_analyst_downloads_the_csv_of_the_current_search(page, analyst):
    InitiativeFactory(slug="cyber-1", title="=Cyber dialogue", status="active")
    InitiativeFactory(slug="energy-1", title="Energy summit", status="completed")
    sign_in(page, "/initiatives/?status=active")
    assert page.url.endswith("/initiatives/?status=active")
    screenshot(page, "export-links")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("initiatives-")
    assert download.suggested_filename.endswith(".csv")
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][:3] == ["slug", "title", "title_ja"]
    assert [(row[0], row[1]) for row in rows[1:]] == [("cyber-1", "'=Cyber dialogue")]


def test_analyst_downloads_an_xlsx_that_opens(page, analyst):
    InitiativeFactory(slug="cyber-1", funding_jpy=1_000)
    sign_in(page, "/initiatives/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).worksheets[0]
    assert sheet["A1"].value == "slug"
    assert sheet["A2"].value == "cyber-1"
    assert sheet["O2"].value == 1_000
