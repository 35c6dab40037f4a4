"""Editors' bulk import in the admin: preview, row-level errors, all-or-nothing, and exported files import back."""

import csv
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from directory.models import Organization
from directory.resources import OrganizationResource
from editorial.models import EditorialState
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from partnerships.models import SubnationalPartnership
from partnerships.resources import SubnationalPartnershipResource
from people.models import Researcher
from people.resources import ResearcherResource
from tests.factories import (
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/initiatives/initiative/import/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"  # the admin's import_formats, in order

HEADER = "slug,title,title_ja,kind,status,start_date,end_date," + (
    "policy_areas,countries,lead_organization,frameworks,funding_jpy"
)
GOOD_ROWS = [
    "g7-energy,G7 energy dialogue,G7エネルギー対話,policy_dialogue,completed,2016-05-26,2016-05-27,"
    "energy; climate,US; FR,mofa,g7,1200000",
    "belmont-call,Belmont Forum call,,funding_programme,active,2019-01-01,,climate,,mofa,,",
]
BAD_ROW = "broken,Broken row,,no_such_kind,active,2019-01-01,,no-such-area,,mofa,,"


@pytest.fixture
def reference():
    PolicyAreaFactory(slug="energy")
    PolicyAreaFactory(slug="climate")
    FrameworkFactory(slug="g7")
    return OrganizationFactory(slug="mofa", sector="government")


@pytest.fixture
def editor(client):
    user = UserFactory(groups=["Editors"], is_staff=True)
    client.force_login(user)
    return user


def csv_text(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def dataset(text):
    return tablib.Dataset().load(text, format="csv")


def upload(client, text, name="initiatives.csv", fmt=CSV_FORMAT, content=None):
    file = SimpleUploadedFile(name, content if content is not None else ("\ufeff" + text).encode())
    return client.post(IMPORT_URL, {"import_file": file, "format": fmt, "resource": "0"})


def test_dry_run_previews_new_rows_and_writes_nothing(reference):
    result = InitiativeResource().import_data(dataset(csv_text(*GOOD_ROWS)), dry_run=True)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert not Initiative.objects.exists()


def test_import_writes_fields_and_relations_by_slug_and_code(reference):
    result = InitiativeResource().import_data(dataset(csv_text(*GOOD_ROWS)))
    assert not result.has_errors()
    g7 = Initiative.objects.get(slug="g7-energy")
    assert g7.title_ja == "G7エネルギー対話"
    assert str(g7.start_date) == "2016-05-26"
    assert g7.funding_jpy == 1_200_000
    assert g7.lead_organization == reference
    assert sorted(g7.policy_areas.values_list("slug", flat=True)) == ["climate", "energy"]
    assert sorted(g7.countries.values_list("iso2", flat=True)) == ["FR", "US"]
    assert list(g7.frameworks.values_list("slug", flat=True)) == ["g7"]
    assert g7.editorial_state == EditorialState.DRAFT  # imported records wait for an editor to publish them


def test_admin_import_shows_a_preview_then_confirms(client, editor, reference):
    preview = upload(client, csv_text(*GOOD_ROWS))
    assert preview.status_code == 200
    assert b"G7 energy dialogue" in preview.content
    assert b"New" in preview.content
    assert not Initiative.objects.exists()
    confirm = preview.context["confirm_form"]
    response = client.post("/admin/initiatives/initiative/process_import/", confirm.initial)
    assert response.status_code == 302
    assert set(Initiative.objects.values_list("slug", flat=True)) == {"g7-energy", "belmont-call"}


def test_admin_imports_xlsx_with_the_same_columns(client, editor, reference):
    workbook = Workbook()
    sheet = workbook.active
    for line in csv.reader(io.StringIO(csv_text(*GOOD_ROWS))):
        sheet.append([int(v) if v.isdigit() else v for v in line])
    content = io.BytesIO()
    workbook.save(content)
    preview = upload(client, "", name="initiatives.xlsx", fmt=XLSX_FORMAT, content=content.getvalue())
    assert preview.status_code == 200
    assert preview.context["result"].totals["new"] == 2
    assert "confirm_form" in preview.context


def test_one_bad_row_writes_nothing_and_the_error_names_the_row(client, editor, reference):
    preview = upload(client, csv_text(GOOD_ROWS[0], BAD_ROW, GOOD_ROWS[1]))
    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    page = preview.content.decode()
    assert "Value &#x27;no_such_kind&#x27; is not a valid choice." in page
    assert not Initiative.objects.exists()


def test_bad_row_rolls_back_the_good_rows_of_a_real_import(reference):
    result = InitiativeResource().import_data(dataset(csv_text(GOOD_ROWS[0], BAD_ROW)), dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    assert result.invalid_rows[0].number == 2
    assert "kind" in result.invalid_rows[0].error_dict
    assert not Initiative.objects.exists()


def test_unknown_slug_in_a_list_is_a_row_error_that_names_it(reference):
    text = csv_text("x,X,,policy_dialogue,active,2019-01-01,,energy; nowhere,,mofa,,")
    result = InitiativeResource().import_data(dataset(text), dry_run=False)
    [row] = result.invalid_rows
    assert row.number == 1
    assert "nowhere" in str(row.error_dict["policy_areas"])
    assert not Initiative.objects.exists()


def test_unknown_lead_organization_is_a_validation_error(reference):
    text = csv_text("x,X,,policy_dialogue,active,2019-01-01,,,,no-such-org,,")
    result = InitiativeResource().import_data(dataset(text))
    assert "no-such-org" in str(result.invalid_rows[0].error_dict)
    assert not Initiative.objects.exists()


def records():
    area = PolicyAreaFactory(slug="energy")
    initiative = InitiativeFactory(
        title="=SUM(A1)", title_ja="エネルギー", policy_areas=[area], countries=[country("US")], funding_jpy=10
    )
    researcher = ResearcherFactory(fields=[ResearchFieldFactory(slug="physics")], orcid="0000-0002-1825-0097")
    ParticipationFactory(researcher=researcher, initiative=initiative)
    ExchangeFactory(researcher=researcher)
    prefecture = LocalityFactory(name="Kyoto", country=country("JP"), level="prefecture", iso_code="JP-98")
    city = LocalityFactory(name="Uji", country=country("JP"), parent=prefecture)
    PartnershipFactory(japanese_locality=city, focus_areas=[area])
    PartnershipFactory(japanese_locality=prefecture)


@pytest.mark.parametrize(
    ("resource", "model"),
    [
        (InitiativeResource, Initiative),
        (ResearcherResource, Researcher),
        (SubnationalPartnershipResource, SubnationalPartnership),
        (OrganizationResource, Organization),
    ],
)
def test_an_admin_export_imports_back_with_no_changes(resource, model):
    records()
    exported = resource().export(queryset=model.objects.all())
    result = resource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=True)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    assert len(result.rows) == model.objects.count()


@pytest.mark.parametrize(
    ("register", "resource"),
    [
        ("initiatives", InitiativeResource),
        ("researchers", ResearcherResource),
        ("partnerships", SubnationalPartnershipResource),
    ],
)
def test_a_staff_export_file_imports_back_with_no_changes(client, register, resource):
    records()
    client.force_login(UserFactory(groups=["Analysts"]))
    body = b"".join(client.get(f"/{register}/export.csv").streaming_content).decode("utf-8-sig")
    result = resource().import_data(tablib.Dataset().load(body, format="csv"), dry_run=True)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip"] * len(result.rows)
    assert result.rows


def test_changing_a_cell_shows_as_an_update(reference):
    InitiativeFactory(slug="g7-energy", title="Old title", lead_organization=reference)
    text = csv_text("g7-energy,New title,,research_collaboration,active,2020-04-01,,,,mofa,,")
    result = InitiativeResource().import_data(dataset(text), dry_run=True)
    [row] = result.rows
    assert row.import_type == "update"
    assert Initiative.objects.get().title == "Old title"


def test_researcher_import_carries_email_and_stays_private_without_consent():
    OrganizationFactory(slug="tohoku")
    header = "slug,name_ja,affiliation,country,career_stage,english_level,fields,orcid,email,family_name,given_name"
    text = csv_text("sato-k,佐藤,tohoku,JP,senior,B1,,,sato@example.ac.jp,Sato,Ken", header=header)
    result = ResearcherResource().import_data(dataset(text))
    assert not result.has_errors() and not result.has_validation_errors()
    researcher = Researcher.objects.get()
    assert researcher.email == "sato@example.ac.jp"
    assert not Researcher.objects.published().exists()


def test_changelist_exports_the_selected_rows(client, editor):
    chosen, _other = InitiativeFactory(slug="chosen"), InitiativeFactory(slug="other")
    form = client.post(
        "/admin/initiatives/initiative/",
        {"action": "export_admin_action", "_selected_action": [chosen.pk]},
    )
    assert form.status_code == 200
    fields = {name: "on" for name in form.context["form"].fields if name.startswith("initiativeresource_")}
    response = client.post(
        "/admin/initiatives/initiative/export/",
        {"format": "0", "resource": "0", "export_items": [chosen.pk], **fields},
    )
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["slug", "title", "title_ja"]
    assert [row[0] for row in rows[1:]] == ["chosen"]


def test_user_without_change_permission_cannot_import(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(IMPORT_URL).status_code == 403
