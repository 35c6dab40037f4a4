"""The reports' maps (issue 13): the initiatives' partner countries on the world map and the partnerships as
lines, for the page's year range, drafts never counted, their numbers downloadable as CSV and XLSX."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from directory.models import Country, Locality
from editorial.models import EditorialState
from tests.factories import InitiativeFactory, LocalityFactory, PartnershipFactory, UserFactory, country

from .test_search_figures import area_links, figure, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(groups=["Analysts"]))


@pytest.fixture
def records():
    us, fr, ke = country("US"), country("FR"), country("KE")
    for year, partners in [(2016, [us, fr]), (2016, [us]), (2019, [ke]), (2019, [us])]:
        InitiativeFactory(start_date=datetime.date(year, 6, 1), countries=partners)
    InitiativeFactory(start_date=datetime.date(2019, 6, 1), countries=[country("IS")], editorial_state="draft")
    tokyo, osaka = Locality.objects.get(iso_code="JP-13"), Locality.objects.get(iso_code="JP-27")
    portland = LocalityFactory(
        name="Portland", parent=Locality.objects.get(iso_code="US-OR"), latitude=45.5, longitude=-122.7
    )
    lyon = LocalityFactory(name="Lyon", country=fr, latitude=45.76, longitude=4.84)
    PartnershipFactory(japanese_locality=tokyo, foreign_locality=portland, established=1990)
    PartnershipFactory(japanese_locality=osaka, foreign_locality=portland, established=2010)
    PartnershipFactory(japanese_locality=osaka, foreign_locality=lyon, established=2012)
    PartnershipFactory(
        japanese_locality=tokyo, foreign_locality=lyon, established=2012, editorial_state=EditorialState.DRAFT
    )


def section_rows(response, slug):
    [section] = [s for s in response.context["sections"] if s["report"].slug == slug]
    return section["table"].rows


def test_the_world_map_counts_partner_countries_in_the_year_range(client, analyst, records):
    response = client.get("/reports/", {"year_from": "2019"})
    assert section_rows(response, "initiatives-world-map") == [["Kenya", "KE", 1], ["United States", "US", 1]]
    world = figure(response.content.decode(), "report-world-map")
    assert set(area_links(world)) == {"KE", "US"}
    everything = client.get("/reports/")
    assert section_rows(everything, "initiatives-world-map")[0] == ["United States", "US", 3]


def test_the_lines_map_draws_published_partnerships_in_the_year_range(client, analyst, records):
    response = client.get("/reports/", {"year_from": "2000"})
    assert section_rows(response, "partnership-lines") == [["Osaka", "Lyon", 1], ["Osaka", "Portland", 1]]
    lines = figure(response.content.decode(), "report-lines-map")
    assert lines.count('class="map-arc"') == 2


def test_the_maps_numbers_download_as_csv_and_xlsx(client, analyst, records):
    response = client.get("/reports/partnership-lines.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert list(csv.reader(io.StringIO(body[1:]))) == [
        ["Japanese side", "Partner abroad", "Partnerships"],
        ["Osaka", "Lyon", "1"],
        ["Osaka", "Portland", "1"],
        ["Tokyo", "Portland", "1"],
    ]
    response = client.get("/reports/initiatives-world-map.xlsx", {"year_to": "2016"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Country", "ISO code", "Initiatives"],
        ["United States", "US", 2],
        ["France", "FR", 1],
    ]


def test_the_reports_maps_are_in_japanese_on_the_japanese_page(client, analyst, records, japanese_catalogue):
    page = client.get("/ja/reports/").content.decode()
    world = figure(page, "report-world-map")
    assert "相手国別のイニシアティブ" in world
    names = dict(Country.objects.filter(iso2__in=["US", "FR", "KE"]).values_list("iso2", "name_ja"))
    assert all(names.values())
    assert {label: n for label, _url, n in table(world)} == {names["US"]: 3, names["FR"]: 1, names["KE"]: 1}
    assert "日本と海外の自治体間提携" in figure(page, "report-lines-map")


def test_a_map_shows_one_table_its_own_and_the_other_reports_keep_theirs(client, analyst, records):
    page = client.get("/reports/").content.decode()

    def section(slug):
        start = page.index(f'<section class="report" id="{slug}"')
        return page[start : page.index("</section>", start)]

    for slug in ("initiatives-world-map", "partnership-lines"):
        assert section(slug).count("<table") == 1 and 'class="report__table"' not in section(slug)
    assert 'class="report__table"' in section("initiatives-by-country")
