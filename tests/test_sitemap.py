"""sitemap.xml lists every published record and page with published content; nothing else. robots.txt points to it."""

import re

import pytest
from django.utils import timezone

from editorial.models import EditorialState
from initiatives.sitemaps import InitiativeSitemap

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


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


def sitemap(client):
    """Every sitemap the index at /sitemap.xml names, concatenated: what a crawler reads."""
    index = get_xml(client, "/sitemap.xml")
    urls = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", index)
    assert urls
    return "".join(get_xml(client, url.replace("&amp;", "&")) for url in urls)


def loc(path):
    return f"<loc>http://testserver{path}</loc>"


def test_sitemap_lists_published_records_of_the_three_registers_with_lastmod(client):
    initiative = InitiativeFactory()
    researcher = ResearcherFactory()
    partnership = PartnershipFactory()
    xml = sitemap(client)
    for record in [initiative, researcher, partnership]:
        assert loc(record.get_absolute_url()) in xml
    # The date on the site's clock (Asia/Tokyo): from 15:00 UTC it is already the next day there.
    assert f"<lastmod>{timezone.localdate(initiative.updated_at).isoformat()}" in xml
    assert loc("/") in xml
    assert loc("/initiatives/") in xml


def test_sitemap_leaves_out_drafts_and_researchers_without_consent(client):
    hidden = [
        InitiativeFactory(editorial_state=DRAFT),
        ResearcherFactory(editorial_state=DRAFT),
        ResearcherFactory(consent_to_publish=False),
        PartnershipFactory(editorial_state=DRAFT),
    ]
    xml = sitemap(client)
    for record in hidden:
        assert record.get_absolute_url() not in xml


def test_sitemap_lists_organizations_with_published_content_only(client):
    leader = InitiativeFactory().lead_organization
    partner = OrganizationFactory()
    InitiativeFactory(partner_organizations=[partner])
    employer = ResearcherFactory().affiliation
    host = ExchangeFactory().host_organization
    draft_leader = InitiativeFactory(editorial_state=DRAFT).lead_organization
    private_employer = ResearcherFactory(consent_to_publish=False).affiliation
    private_host = ExchangeFactory(researcher=ResearcherFactory(consent_to_publish=False)).host_organization
    idle = OrganizationFactory()
    xml = sitemap(client)
    for organization in [leader, partner, employer, host]:
        assert loc(organization.get_absolute_url()) in xml
    for organization in [draft_leader, private_employer, private_host, idle]:
        assert organization.get_absolute_url() not in xml


def test_sitemap_lists_countries_with_published_content_only(client):
    InitiativeFactory(countries=[country("KE")])
    ResearcherFactory(country=country("DE"))
    PartnershipFactory(foreign_locality=LocalityFactory(country=country("US")))
    ExchangeFactory(country=country("GB"), host_organization=None)
    InitiativeFactory(countries=[country("FR")], editorial_state=DRAFT)
    ExchangeFactory(country=country("IN"), host_organization=None, researcher=ResearcherFactory(editorial_state=DRAFT))
    ResearcherFactory(country=country("BR"), consent_to_publish=False)
    PartnershipFactory(foreign_locality=LocalityFactory(country=country("CN")), editorial_state=DRAFT)
    xml = sitemap(client)
    for iso2 in ["ke", "de", "us", "gb"]:
        assert loc(f"/countries/{iso2}/") in xml
    for iso2 in ["fr", "br", "cn", "in"]:
        assert f"/countries/{iso2}/" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_staff_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml\n" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /ja/reports/" in text
    assert "Disallow: /initiatives/" not in text


def test_sitemap_index_names_one_sitemap_per_section(client):
    InitiativeFactory()
    index = get_xml(client, "/sitemap.xml")
    for section in ["pages", "initiatives", "researchers", "partnerships", "organizations", "countries"]:
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index


def test_unknown_sitemap_section_or_page_is_not_found(client):
    assert client.get("/sitemap-nope.xml").status_code == 404
    assert client.get("/sitemap-initiatives.xml?p=abc").status_code == 404
    assert client.get("/sitemap-initiatives.xml?p=99").status_code == 404


def test_sitemap_queries_do_not_grow_with_the_number_of_records(client, django_assert_max_num_queries):
    InitiativeFactory.create_batch(20)
    # The index, for each of the two languages: a latest-lastmod query and a count (for its pages) for
    # initiatives, researchers, partnerships and organizations, and a count for countries (9 each).
    with django_assert_max_num_queries(18):
        client.get("/sitemap.xml")
    # A section: its count for the paginator and one page of records.
    with django_assert_max_num_queries(2):
        client.get("/sitemap-initiatives.xml")


def test_a_large_section_is_split_into_pages_named_by_the_index(client, monkeypatch):
    monkeypatch.setattr(InitiativeSitemap, "limit", 2)
    InitiativeFactory.create_batch(3)
    index = get_xml(client, "/sitemap.xml")
    assert "<loc>http://testserver/sitemap-initiatives.xml?p=2</loc>" in index
    assert get_xml(client, "/sitemap-initiatives.xml?p=2").count("<url>") == 1


def test_japanese_sections_list_the_same_pages_under_ja(client):
    initiative = InitiativeFactory()
    index = get_xml(client, "/sitemap.xml")
    assert "<loc>http://testserver/sitemap-initiatives-ja.xml</loc>" in index
    assert loc(f"/ja{initiative.get_absolute_url()}") in get_xml(client, "/sitemap-initiatives-ja.xml")
    assert loc("/ja/") in get_xml(client, "/sitemap-pages-ja.xml")


def test_english_sections_stay_english_whatever_language_the_crawler_asks_for(client):
    initiative = InitiativeFactory()
    response = client.get("/sitemap-initiatives.xml", headers={"accept-language": "ja"})
    assert loc(initiative.get_absolute_url()) in response.content.decode()
    assert "/ja/" not in response.content.decode()
