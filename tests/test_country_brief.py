"""The workbench's country brief: hand-counted figures, gaps both ways, exchanges both directions by year,
links to the searches behind them, nothing private counted, permissions, queries, print styles."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from editorial.models import EditorialState
from people.models import ExchangeDirection
from tests.factories import (
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

URL = "/workbench/countries/fr/"


def on(year):
    return datetime.date(year, 4, 1)


@pytest.fixture
def france():
    energy, health = PolicyAreaFactory(slug="energy", name="Energy"), PolicyAreaFactory(slug="health", name="Health")
    tourism = PolicyAreaFactory(slug="tourism", name="Tourism")
    g7 = FrameworkFactory(slug="g7", name="G7")
    fr, us = country("FR"), country("US")
    InitiativeFactory(policy_areas=[energy], countries=[fr], frameworks=[g7], status="active")
    InitiativeFactory(policy_areas=[energy, health], countries=[fr, us], frameworks=[g7], status="completed")
    InitiativeFactory(policy_areas=[tourism], countries=[us], status="active")  # not France's
    InitiativeFactory(policy_areas=[tourism], countries=[fr], editorial_state=EditorialState.DRAFT)
    lyon = LocalityFactory(name="Lyon", country=fr)
    PartnershipFactory(foreign_locality=lyon, focus_areas=[health, tourism], slug="yokohama-lyon")
    PartnershipFactory(foreign_locality=lyon, focus_areas=[energy], editorial_state=EditorialState.DRAFT)
    ExchangeFactory(country=fr, direction=ExchangeDirection.OUTBOUND, start_date=on(2020), end_date=None)
    ExchangeFactory(country=fr, direction=ExchangeDirection.OUTBOUND, start_date=on(2020), end_date=None)
    based_in_france = ResearcherFactory(country=fr)
    ExchangeFactory(
        researcher=based_in_france, country=country("JP"), direction=ExchangeDirection.INBOUND, start_date=on(2021)
    )
    hidden = ResearcherFactory(country=fr, consent_to_publish=False)
    ExchangeFactory(researcher=hidden, country=country("JP"), direction=ExchangeDirection.INBOUND, start_date=on(2021))


def test_initiatives_by_policy_area_and_status(client, analyst, france):
    initiatives = client.get(URL).context["initiatives"]

    assert initiatives["total"] == 2
    table = initiatives["table"]
    matrix = {
        (line.value, column.value): cell.count
        for line in table.rows
        for column, cell in zip(table.columns, line.cells, strict=True)
    }
    assert matrix == {("energy", "active"): 1, ("energy", "completed"): 1, ("health", "active"): 0,
                      ("health", "completed"): 1}  # fmt: skip
    assert parse_qs(urlsplit(table.rows[0].cells[0].url).query) == {"country": ["FR"], "area": ["energy"],
                                                                     "status": ["active"]}  # fmt: skip


def test_frameworks_partnerships_and_gaps(client, analyst, france):
    context = client.get(URL).context

    assert [(row["label"], row["count"]) for row in context["initiatives"]["frameworks"]] == [("G7", 2)]
    assert context["initiatives"]["frameworks"][0]["url"] == "/initiatives/?country=FR&framework=g7"
    assert [p.slug for p in context["partnerships"]["rows"]] == ["yokohama-lyon"]
    gaps = context["gaps"]
    assert [row["value"] for row in gaps["initiatives_only"]] == ["energy"]
    assert [row["value"] for row in gaps["partnerships_only"]] == ["tourism"]
    assert gaps["partnerships_only"][0]["url"] == "/partnerships/?country=FR&area=tourism"


def test_exchanges_both_directions_by_year_without_private_researchers(client, analyst, france):
    exchanges = client.get(URL).context["exchanges"]

    assert exchanges["years"] == [
        {"year": 2021, "outbound": 0, "inbound": 1},
        {"year": 2020, "outbound": 2, "inbound": 0},
    ]
    assert exchanges["inbound_url"] == "/researchers/?country=FR&exchange=yes"


def test_the_page_is_printable_and_bilingual(client, analyst, france, japanese_catalogue):
    english = client.get(URL).content.decode()
    japanese = client.get(f"/ja{URL}").content.decode()

    assert "css/workbench.css" in english and ' style="' not in english
    assert "ギャップ" in japanese
    assert "フランス" in japanese, japanese[japanese.index("<h1") :][:300]


def test_the_brief_costs_a_fixed_number_of_queries(client, analyst, france, django_assert_max_num_queries):
    # Session, user, own and group permissions; the country; initiatives: choices, counts, the cross-tab;
    # partnerships: choices, counts, the rows and their focus areas; exchanges by year.
    with django_assert_max_num_queries(14):
        assert client.get(URL).status_code == 200


def test_japan_and_unknown_countries_have_no_brief(client, analyst):
    assert client.get("/workbench/countries/jp/").status_code == 404
    assert client.get("/workbench/countries/zz/").status_code == 404
    assert client.get("/workbench/countries/FR/").status_code == 302


def test_the_workbench_offers_partner_countries_and_the_picker_opens_a_brief(client, analyst, france):
    index = client.get("/workbench/").content.decode()

    assert '<option value="fr">France</option>' in index
    assert '<option value="jp">' not in index
    assert client.get("/workbench/countries/?country=FR")["Location"] == URL
    assert client.get("/workbench/countries/?country=<x>")["Location"] == "/workbench/"


def test_anonymous_visitors_sign_in_and_editors_are_refused(client, france):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(URL).status_code == 403


def test_the_workbench_page_costs_one_query_of_its_own(client, analyst, france, django_assert_max_num_queries):
    # Session, user, own and group permissions; the partner countries.
    with django_assert_max_num_queries(5):
        assert client.get("/workbench/").status_code == 200
