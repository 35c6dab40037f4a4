"""The admin's import explains itself: every problem of every row with line, column and a plain message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import Organization
from initiatives.models import Initiative
from tests.factories import OrganizationFactory, PolicyAreaFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/initiatives/initiative/import/"
CONFIRM_URL = "/admin/initiatives/initiative/process_import/"
HEADER = "slug,title,kind,status,start_date,policy_areas,countries,lead_organization,funding_jpy"
GOOD = "g7-energy,G7 energy dialogue,policy_dialogue,completed,2016-05-26,energy,US,mofa,1200000"
# The broken row: four bad cells.
BROKEN = "broken,Broken row,policy_dialogue,active,2019-02-30,no-such-area,XX,mofa,abc"


@pytest.fixture
def reference():
    PolicyAreaFactory(slug="energy")
    return OrganizationFactory(slug="mofa")


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))


def upload(client, *rows, header=HEADER, url=IMPORT_URL):
    content = ("\n".join([header, *rows]) + "\n").encode()
    return client.post(url, {"import_file": SimpleUploadedFile("initiatives.csv", content), "format": "0"})


def problems(response):
    return [(p.line, p.column, p.letter, p.value, p.message) for p in response.context["result"].problems]


def test_every_error_of_the_broken_row_is_listed_with_its_line_and_column(client, editor, reference):
    response = upload(client, GOOD, BROKEN)
    assert "confirm_form" not in response.context
    listed = problems(response)
    assert {(line, column, letter, value) for line, column, letter, value, _ in listed} == {
        (3, "start_date", "E", "2019-02-30"),
        (3, "policy_areas", "F", "no-such-area"),
        (3, "countries", "G", "XX"),
        (3, "funding_jpy", "I", "abc"),
    }
    messages = {column: message for _, column, _, _, message in listed}
    assert messages["funding_jpy"] == "“abc” is not a whole number (digits only, e.g. 1200000)."
    assert "YYYY-MM-DD" in messages["start_date"]
    assert "no-such-area" in messages["policy_areas"]
    assert "XX" in messages["countries"]
    assert not Initiative.objects.exists()


def test_the_problems_are_written_in_the_page_not_hidden_in_a_tooltip(client, editor, reference):
    page = upload(client, BROKEN).content.decode()
    assert 'class="import-problems"' in page
    assert "“abc” is not a whole number" in page
    assert "<code>funding_jpy</code> (I)" in page
    assert "validation-error-container" not in page  # the library's hover tooltip
    assert "ConversionSyntax" not in page and "&lt;class" not in page
    assert "4 problems: nothing was imported" in page


def test_problems_are_in_japanese_in_the_japanese_admin(client, editor, reference):
    response = upload(client, BROKEN, url="/ja" + IMPORT_URL)
    page = response.content.decode()
    messages = {column: message for _, column, _, _, message in problems(response)}
    assert messages["funding_jpy"] == "「abc」は整数ではありません（数字のみ。例: 1200000）。"
    assert messages["policy_areas"] == "登録されていない政策分野: no-such-area。"
    assert messages["countries"] == "登録されていない国: XX。"
    assert "件の問題" in page
    assert "行" in page and "列" in page


def test_a_whole_row_error_and_a_model_error_have_their_columns(client, editor, reference):
    response = upload(client, "bad slug!,Title,no_such_kind,active,,,,,")
    columns = {column for _, column, _, _, _ in problems(response)}
    assert {"slug", "kind"} <= columns


def test_a_file_without_the_slug_column_says_so(client, editor, reference):
    response = upload(client, "Title", header="title")
    [first, *_] = problems(response)
    assert first[0] is None
    assert first[4] == "The file has no “slug” column: every row is matched on it."


def test_the_form_and_the_preview_label_the_columns_the_import_ignores(client, editor, reference):
    form = client.get(IMPORT_URL).content.decode()
    assert "Ignored (not imported), as they are derived from other columns:" in form
    ignored = form.split("as they are derived from other columns:")[1].split("</p>")[0]
    assert "<code>regions</code>" in ignored and "<code>lead_sector</code>" in ignored
    assert "<code>title</code>" not in ignored
    preview = upload(client, GOOD + ",Asia", header=HEADER + ",regions")
    assert preview.context["result"].ignored_columns == ["regions"]
    assert 'regions <span class="import-ignored-label">(ignored)</span>' in preview.content.decode()


def test_a_confirm_that_fails_says_so_and_that_nothing_was_saved(client, editor, reference):
    preview = upload(client, GOOD)
    confirm = preview.context["confirm_form"].initial
    Organization.objects.filter(slug="mofa").delete()  # by another editor, between preview and confirm
    response = client.post(CONFIRM_URL, confirm)
    assert response.status_code == 409
    page = response.content.decode()
    assert "The import failed when it was confirmed, and nothing was saved." in page
    assert "Import finished" not in page
    assert [(line, column) for line, column, *_ in problems(response)] == [(2, "lead_organization")]
    assert not Initiative.objects.exists()


def test_confirming_the_same_upload_twice_says_it_is_gone(client, editor, reference):
    confirm = upload(client, GOOD).context["confirm_form"].initial
    assert client.post(CONFIRM_URL, confirm).status_code == 302
    again = client.post(CONFIRM_URL, confirm, follow=True)
    assert "That upload is no longer available; nothing was saved." in again.content.decode()
    assert Initiative.objects.count() == 1


def test_a_file_of_the_wrong_format_gets_a_plain_message(client, editor):
    file = SimpleUploadedFile("initiatives.xlsx", b"slug,title\nx,X\n")
    response = client.post(IMPORT_URL, {"import_file": file, "format": "1"})
    errors = response.context["form"].errors["import_file"]
    assert errors == ["The file is not an XLSX workbook. Choose the format that matches the file."]
