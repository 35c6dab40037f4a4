"""Organization and country pages: everything published that links to them, and nothing else."""

import pytest

from directory.models import Locality
from editorial.models import EditorialState

from .factories import (
    ExchangeFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    PartnershipFactory,
    ResearcherFactory,
    country,
)

pytestmark = pytest.mark.django_db

DRAFT = EditorialState.DRAFT


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Organizations


def test_organization_page_links_initiatives_led_and_partnered_researchers_and_exchanges(client):
    organization = OrganizationFactory(slug="jsps", name="Japan Society for the Promotion of Science", acronym="JSPS")
    led = InitiativeFactory(lead_organization=organization)
    partnered = InitiativeFactory(partner_organizations=[organization])
    researcher = ResearcherFactory(affiliation=organization)
    visitor = ExchangeFactory(host_organization=organization).researcher
    html = page(client, organization.get_absolute_url())
    assert f'href="{led.get_absolute_url()}"' in html
    assert f'href="{partnered.get_absolute_url()}"' in html
    assert f'href="{researcher.get_absolute_url()}"' in html
    assert f'href="{visitor.get_absolute_url()}"' in html
    assert 'href="/researchers/?org=jsps"' in html
    assert 'href="/countries/jp/"' in html
    assert '<link rel="canonical" href="http://testserver/organizations/jsps/">' in html
    assert "<title>Japan Society for the Promotion of Science (JSPS) · techdiplo</title>" in html


def test_organization_page_leaves_out_drafts_and_researchers_without_consent(client):
    organization = OrganizationFactory()
    draft = InitiativeFactory(lead_organization=organization, editorial_state=DRAFT, title="Secret draft")
    draft_partnered = InitiativeFactory(partner_organizations=[organization], editorial_state=DRAFT)
    private = ResearcherFactory(affiliation=organization, consent_to_publish=False, family_name="Private")
    hidden_visitor = ExchangeFactory(
        host_organization=organization, researcher=ResearcherFactory(editorial_state=DRAFT, family_name="Hidden")
    ).researcher
    html = page(client, organization.get_absolute_url())
    for record in [draft, draft_partnered, private, hidden_visitor]:
        assert record.get_absolute_url() not in html
    assert "Secret draft" not in html
    assert "Private" not in html
    assert "Hidden" not in html
    assert '<meta name="robots" content="noindex">' in html  # nothing public: not worth indexing


def test_organization_page_never_shows_researchers_email(client):
    researcher = ResearcherFactory(email="someone.private@example.ac.jp")
    html = page(client, researcher.affiliation.get_absolute_url())
    assert researcher.get_absolute_url() in html
    assert "someone.private" not in html


def test_unknown_organization_is_not_found(client):
    assert client.get("/organizations/no-such-organization/").status_code == 404


def test_organization_page_queries_stay_constant(client, django_assert_max_num_queries):
    organization = OrganizationFactory()
    InitiativeFactory.create_batch(6, lead_organization=organization)
    for _ in range(6):
        InitiativeFactory(partner_organizations=[organization])
    ResearcherFactory.create_batch(6, affiliation=organization)
    ExchangeFactory.create_batch(6, host_organization=organization)
    # 1 organization + country, 2 initiatives led, 3 initiatives partnered + leads,
    # 4 researchers + countries, 5 exchanges hosted + researchers + countries.
    with django_assert_max_num_queries(10):
        response = client.get(organization.get_absolute_url())
    assert response.status_code == 200


# Countries


def test_country_page_links_initiatives_researchers_partnerships_and_searches(client):
    kenya = country("KE")
    initiative = InitiativeFactory(countries=[kenya])
    researcher = ResearcherFactory(country=kenya)
    partnership = PartnershipFactory(foreign_locality=LocalityFactory(country=kenya))
    html = page(client, "/countries/ke/")
    assert f'href="{initiative.get_absolute_url()}"' in html
    assert f'href="{researcher.get_absolute_url()}"' in html
    assert f'href="{partnership.get_absolute_url()}"' in html
    assert 'href="/initiatives/?country=KE"' in html
    assert 'href="/researchers/?country=KE"' in html
    assert 'href="/partnerships/?country=KE"' in html
    assert f'href="/initiatives/?region={kenya.region}"' in html
    assert '<link rel="canonical" href="http://testserver/countries/ke/">' in html
    assert "noindex" not in html


def test_country_page_leaves_out_drafts_and_researchers_without_consent(client):
    kenya = country("KE")
    hidden = [
        InitiativeFactory(countries=[kenya], editorial_state=DRAFT),
        ResearcherFactory(country=kenya, consent_to_publish=False),
        ResearcherFactory(country=kenya, editorial_state=DRAFT),
        PartnershipFactory(foreign_locality=LocalityFactory(country=kenya), editorial_state=DRAFT),
    ]
    html = page(client, "/countries/ke/")
    for record in hidden:
        assert record.get_absolute_url() not in html


def test_country_page_links_back_to_researchers_with_an_exchange_there(client):
    kenya = country("KE")
    visitor = ResearcherFactory(country=country("JP"), family_name="Visitor")
    ExchangeFactory(researcher=visitor, country=kenya, programme="JSPS Bridge Fellowship")
    hidden = ResearcherFactory(country=country("JP"), editorial_state=DRAFT)
    ExchangeFactory(researcher=hidden, country=kenya)
    html = page(client, "/countries/ke/")
    assert f'href="{visitor.get_absolute_url()}"' in html  # the researcher's page links /countries/ke/ too
    assert "JSPS Bridge Fellowship" in html
    assert hidden.get_absolute_url() not in html


def test_country_page_lists_partnerships_by_the_foreign_side_only(client):
    japanese_side = Locality.objects.get(iso_code="JP-13")
    partnership = PartnershipFactory(
        japanese_locality=japanese_side, foreign_locality=LocalityFactory(country=country("US"))
    )
    assert partnership.get_absolute_url() in page(client, "/countries/us/")
    assert partnership.get_absolute_url() not in page(client, "/countries/jp/")


def test_upper_case_country_code_redirects_permanently_to_lower_case(client):
    country("KE")
    response = client.get("/countries/KE/")
    assert response.status_code == 301
    assert response["Location"] == "/countries/ke/"
    assert client.get("/countries/Ke/")["Location"] == "/countries/ke/"


@pytest.mark.parametrize(
    "path", ["/countries/zz/", "/countries/ZZ/", "/countries/ken/", "/countries/k1/", "/countries/%00a/"]
)
def test_unknown_or_malformed_country_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_country_page_queries_stay_constant(client, django_assert_max_num_queries):
    kenya = country("KE")
    InitiativeFactory.create_batch(8, countries=[kenya])
    ResearcherFactory.create_batch(8, country=kenya)
    for _ in range(8):
        PartnershipFactory(foreign_locality=LocalityFactory(country=kenya))
        ExchangeFactory(country=kenya, host_organization=OrganizationFactory(country=kenya))
    # 1 country, 2 initiatives + leads, 3 researchers + affiliations, 4 exchanges + researchers + hosts,
    # 5 partnerships + localities + countries + parents.
    with django_assert_max_num_queries(10):
        response = client.get("/countries/ke/")
    assert response.content.decode().count("/partnerships/partnership-") == 8


@pytest.mark.usefixtures("japanese_catalogue")
def test_country_names_take_the_article_english_needs_and_japanese_does_not(client):
    us, philippines, kenya = country("US"), country("PH"), country("KE")
    for place in (us, philippines, kenya):
        ResearcherFactory(country=place)
    html = page(client, "/countries/us/")
    assert "<title>The United States and Japan · techdiplo</title>" in html
    assert "Researchers based in the United States" in html and "Researchers in the United States" in html
    assert "based in United States" not in html
    assert "Researchers based in the Philippines" in page(client, "/countries/ph/")
    kenya_page = page(client, "/countries/ke/")
    assert "Researchers based in Kenya" in kenya_page and "<title>Kenya and Japan · techdiplo</title>" in kenya_page
    japanese = page(client, "/ja/countries/us/")
    assert f"{us.name_ja}を拠点とする研究者" in japanese  # Japanese takes no article
    assert "the United States" not in japanese and f"the {us.name_ja}" not in japanese
    assert f"<title>{us.name_ja}と日本 · techdiplo</title>" in japanese


def test_an_organization_abroad_is_described_with_its_countrys_article(client):
    organization = OrganizationFactory(name="Portland State University", country=country("US"))
    assert "in the United States." in page(client, f"/organizations/{organization.slug}/")
