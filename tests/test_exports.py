"""Analysts' exports of the current search: same records as the search, contract columns, safe cells, permissions."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from openpyxl import load_workbook

from editorial.models import EditorialState
from exports.cells import join
from initiatives.models import InitiativeStatus
from search import registry, search_queryset
from tests.factories import (
    ExchangeFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

CONTRACT = {
    "initiatives": (
        "slug, title, title_ja, kind, status, start_date, end_date, policy_areas, countries, regions, "
        "lead_organization, lead_sector, partner_organizations, frameworks, funding_jpy, participants, url, updated_at"
    ),
    "researchers": (
        "slug, name, name_ja, affiliation, sector, country, career_stage, english_level, fields, exchanges, "
        "initiatives, orcid, email, url, updated_at"
    ),
    "partnerships": (
        "slug, japanese_locality, prefecture_code, foreign_locality, country, region, kind, focus_areas, "
        "established, status, activities, url, updated_at"
    ),
}
REGISTERS = list(CONTRACT)


@pytest.fixture
def analyst(client):
    user = UserFactory(groups=["Analysts"])
    client.force_login(user)
    return user


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def read_json(response):
    """The records of a JSON download (beside them: ``metadata``, tested in test_public_downloads.py)."""
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))["records"]


def read_xlsx(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def querydict(params):
    query = QueryDict(mutable=True)
    query.update(params)
    return query


def export(client, register, fmt, **params):
    return client.get(f"/{register}/export.{fmt}", params)


def one_of_each():
    area = PolicyAreaFactory(slug="cybersecurity")
    lead = OrganizationFactory(slug="mofa", sector="government")
    initiative = InitiativeFactory(
        slug="cyber-dialogue",
        title="Cyber dialogue",
        title_ja="サイバー対話",
        policy_areas=[area],
        countries=[country("US"), country("FR")],
        lead_organization=lead,
        funding_jpy=5_000_000,
        end_date=datetime.date(2022, 3, 31),
    )
    researcher = ResearcherFactory(slug="sato-aiko", orcid="0000-0002-1825-0097")
    ParticipationFactory(researcher=researcher, initiative=initiative)
    ExchangeFactory(researcher=researcher)
    tokyo = LocalityFactory(name="Tokyo", country=country("JP"), level="prefecture", iso_code="JP-99")
    partnership = PartnershipFactory(slug="tokyo-portland", japanese_locality=tokyo, focus_areas=[area])
    return initiative, researcher, partnership


@pytest.mark.parametrize("register", REGISTERS)
def test_headers_are_the_contract_columns_in_order(client, analyst, register):
    rows = read_csv(export(client, register, "csv"))
    contract = CONTRACT[register].split(", ")
    assert rows[0][: len(contract)] == contract


def test_initiative_row_holds_slugs_codes_and_iso_dates(client, analyst):
    initiative, _, _ = one_of_each()
    [record] = read_json(export(client, "initiatives", "json"))
    assert record["slug"] == "cyber-dialogue"
    assert record["title_ja"] == "サイバー対話"
    assert record["start_date"] == "2020-04-01"
    assert record["end_date"] == "2022-03-31"
    assert record["policy_areas"] == "cybersecurity"
    assert record["countries"] == "FR; US"
    assert record["lead_organization"] == "mofa"
    assert record["lead_sector"] == "government"
    assert record["funding_jpy"] == 5_000_000
    assert record["participants"] == "sato-aiko"
    assert record["url"] == "http://testserver/initiatives/cyber-dialogue/"
    assert record["updated_at"].startswith(timezone.localdate(initiative.updated_at).isoformat()[:4])


def test_researcher_and_partnership_rows_name_exchanges_and_localities(client, analyst):
    one_of_each()
    [researcher] = read_json(export(client, "researchers", "json"))
    assert researcher["exchanges"] == "2019-09-01:outbound:US"
    assert researcher["initiatives"] == "cyber-dialogue"
    [partnership] = read_json(export(client, "partnerships", "json"))
    assert partnership["japanese_locality"] == "JP-99"
    assert partnership["prefecture_code"] == "JP-99"
    assert partnership["foreign_locality"].startswith("US/")
    assert partnership["focus_areas"] == "cybersecurity"
    assert partnership["country"] == "US"
    assert partnership["established"] == 1990


PARAMETER_SETS = {
    "initiatives": [{}, {"status": "active"}, {"area": "cybersecurity"}, {"sort": "title"}, {"q": "dialogue"}],
    "researchers": [{}, {"english": "B2"}, {"exchange": "yes"}, {"country": "JP"}],
    "partnerships": [{}, {"kind": "sister_city"}, {"since_from": "1995"}, {"country": "US"}],
}


def many_records():
    areas = [PolicyAreaFactory(slug="cybersecurity"), PolicyAreaFactory(slug="energy")]
    for i in range(12):
        status = InitiativeStatus.ACTIVE if i % 2 else InitiativeStatus.COMPLETED
        title = f"{'Dialogue' if i % 3 else 'Programme'} {i:02}"
        InitiativeFactory(
            title=title, status=status, policy_areas=[areas[i % 2]], start_date=datetime.date(2010 + i, 1, 1)
        )
        researcher = ResearcherFactory(english_level="B2" if i % 2 else "C1")
        if i % 3:
            ExchangeFactory(researcher=researcher)
        PartnershipFactory(established=1985 + i, kind="sister_city" if i % 2 else "friendship")


@pytest.mark.parametrize("register", REGISTERS)
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_exported_rows_are_the_search_results_in_order(client, analyst, register, fmt):
    many_records()
    InitiativeFactory(editorial_state=EditorialState.DRAFT)
    for params in PARAMETER_SETS[register]:
        expected = list(search_queryset(register, querydict(params)).values_list("slug", flat=True))
        response = export(client, register, fmt, **params)
        if fmt == "json":
            slugs = [record["slug"] for record in read_json(response)]
        else:
            rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
            slugs = [row[0] for row in rows[1:]]
        assert slugs == expected, params
        assert expected, f"the parameter set {params} should match something"


def test_csv_starts_with_a_byte_order_mark_and_names_the_file(client, analyst):
    response = export(client, "initiatives", "csv")
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="initiatives-')
    assert disposition.endswith('.csv"')
    assert b"".join(response.streaming_content).startswith("\ufeff".encode())


def test_json_records_are_one_array_of_objects_keyed_by_column(client, analyst):
    one_of_each()
    records = read_json(export(client, "partnerships", "json"))
    assert isinstance(records, list)
    assert list(records[0])[:13] == CONTRACT["partnerships"].split(", ")


def test_xlsx_opens_with_header_in_row_1_and_data_from_row_2(client, analyst):
    one_of_each()
    response = export(client, "initiatives", "xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    assert sheet.cell(row=1, column=1).value == "slug"
    assert sheet.cell(row=2, column=1).value == "cyber-dialogue"
    assert sheet.cell(row=2, column=15).value == 5_000_000  # funding_jpy stays a number
    assert sheet.max_row == 2


DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("title", DANGEROUS)
def test_formula_like_text_is_neutralised_in_csv_and_xlsx(client, analyst, title):
    InitiativeFactory(slug="x", title=title, funding_jpy=7)
    csv_row = read_csv(export(client, "initiatives", "csv"))[1]
    xlsx_row = read_xlsx(export(client, "initiatives", "xlsx"))[1]
    assert csv_row[1] == "'" + title
    # XLSX escapes a carriage return as "_x000D_" (which openpyxl's reader leaves as it is); what matters is
    # the leading quote.
    assert xlsx_row[1].startswith("'")
    assert xlsx_row[1][2:].removeprefix("x000D_") == title[1:]
    assert xlsx_row[14] == 7


def test_json_keeps_text_as_written(client, analyst):
    InitiativeFactory(title="=1+1")
    assert read_json(export(client, "initiatives", "json"))[0]["title"] == "=1+1"


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_drafts_and_researchers_without_consent_are_never_exported(client, analyst, fmt):
    one_of_each()
    hidden = ResearcherFactory(slug="no-consent", consent_to_publish=False)
    draft_initiative = InitiativeFactory(slug="draft-initiative", editorial_state=EditorialState.DRAFT)
    ParticipationFactory(researcher=hidden, initiative=draft_initiative)
    ParticipationFactory(researcher=hidden, initiative=InitiativeFactory(slug="published-one"))
    ResearcherFactory(slug="draft-researcher", editorial_state=EditorialState.DRAFT)
    PartnershipFactory(slug="draft-partnership", editorial_state=EditorialState.DRAFT)
    bodies = "".join(
        json.dumps(read_json(export(client, register, "json")))
        if fmt == "json"
        else str(
            read_csv(export(client, register, "csv")) if fmt == "csv" else read_xlsx(export(client, register, "xlsx"))
        )
        for register in registry
    )
    for slug in ("no-consent", "draft-initiative", "draft-researcher", "draft-partnership"):
        assert slug not in bodies
    assert "published-one" in bodies


def test_email_is_only_in_the_researchers_export(client, analyst):
    one_of_each()
    email = ResearcherFactory(email="private@example.ac.jp").email
    assert email in str(read_csv(export(client, "researchers", "csv")))
    for register in ("initiatives", "partnerships"):
        assert "@example" not in str(read_csv(export(client, register, "csv")))


@pytest.mark.parametrize("register", REGISTERS)
def test_query_count_does_not_grow_with_rows(client, analyst, register, django_assert_max_num_queries):
    def make(n):
        area = PolicyAreaFactory(slug="energy")
        for _ in range(n):
            initiative = InitiativeFactory(policy_areas=[area], countries=[country("US")])
            researcher = ResearcherFactory()
            ParticipationFactory(researcher=researcher, initiative=initiative)
            ExchangeFactory(researcher=researcher)
            PartnershipFactory(focus_areas=[area])
        # Statistics, as autovacuum keeps them for committed rows: inside the test's transaction the planner would
        # take each table for a single row and nest the export's aggregates in loops, minutes for 200 records.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    make(50)
    # Session and user, then one SELECT for the rows (with the JOINed foreign keys) and one per prefetched
    # relation: initiatives 5 (areas, countries, partners, frameworks, participants), researchers 3 (fields,
    # exchanges, initiatives), partnerships 2 (focus areas, activities). The search itself may add a few.
    with django_assert_max_num_queries(12) as small:
        assert len(read_csv(export(client, register, "csv"))) == 51
    make(150)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(read_csv(export(client, register, "csv"))) == 201


def test_anonymous_visitor_asking_for_xlsx_is_sent_to_sign_in(client):
    response = export(client, "initiatives", "xlsx", status="active")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/initiatives/export.xlsx%3Fstatus%3Dactive"


@pytest.mark.parametrize(
    ("groups", "superuser", "status"),
    [([], False, 403), (["Editors"], False, 403), (["Analysts"], False, 200), ([], True, 200)],
    ids=["signed-in", "editor", "analyst", "superuser"],
)
@pytest.mark.parametrize("register", REGISTERS)
def test_permission_matrix(client, register, groups, superuser, status):
    user = UserFactory(groups=groups, is_superuser=superuser, is_staff=superuser or "Editors" in groups)
    client.force_login(user)
    assert export(client, register, "xlsx").status_code == status
    assert export(client, register, "csv").status_code == 200  # the public columns, or the analysts' wider ones


def test_unknown_format_is_not_found(client, analyst):
    assert client.get("/initiatives/export.pdf").status_code == 404


def test_join_is_sorted_and_distinct():
    assert join(["b", "a", "b", None, ""]) == "a; b"


@pytest.mark.parametrize("register", REGISTERS)
def test_search_page_links_analysts_to_every_export_of_the_same_search(client, analyst, register):
    page = client.get(f"/{register}/", {"sort": "title", "q": "x"}).content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/{register}/export.{fmt}?sort=title&amp;q=x"' in page


@pytest.mark.parametrize("groups", [None, [], ["Editors"]], ids=["anonymous", "signed-in", "editor"])
def test_search_page_offers_xlsx_only_to_those_who_may_export(client, groups):
    if groups is not None:
        client.force_login(UserFactory(groups=groups, is_staff=bool(groups)))
    page = client.get("/initiatives/").content.decode()
    assert "/initiatives/export.xlsx" not in page
    assert 'href="/initiatives/export.csv"' in page


def test_a_download_has_etag_and_last_modified_and_answers_304_until_the_data_changes(client, analyst):
    InitiativeFactory()
    first = client.get("/initiatives/export.csv?status=active")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get("/initiatives/export.csv?status=active", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/initiatives/export.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200  # another search
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)
    registry["initiatives"].model.objects.update(updated_at=later)
    assert client.get("/initiatives/export.csv?status=active", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
