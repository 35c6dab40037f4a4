"""Linked names are searchable: a record's text index holds the names it links to, in English and Japanese,
ranked below its own title, and follows every link change and rename in the same transaction."""

import pytest
from django.db import connection

from directory.models import Country, Organization
from initiatives.models import Initiative
from search import registry
from search.text import deferred as text_index_deferred

from . import factories as f
from .search_data import text_search

pytestmark = pytest.mark.django_db


def search(query, register="initiatives"):
    return text_search(query, register)


@pytest.fixture
def kyoto():
    return f.OrganizationFactory(name="Kyoto University", name_ja="京都大学", acronym="KU")


def test_a_partner_country_is_found_by_its_name_and_its_other_names():
    f.InitiativeFactory(title="Rice resilience", countries=[f.country("VN")])
    f.InitiativeFactory(title="Ocean survey", countries=[f.country("US")])
    for query in ("Vietnam", "Viet Nam", "ベトナム"):
        assert search(query) == ["Rice resilience"], query
    for query in ("United States", "USA", "America", "アメリカ", "米国"):
        assert search(query) == ["Ocean survey"], query


def test_lead_and_partner_organizations_are_found_by_name_acronym_and_japanese_name(kyoto):
    jsps = f.OrganizationFactory(name="Japan Society for the Promotion of Science", acronym="JSPS")
    f.InitiativeFactory(title="Led by Kyoto", lead_organization=kyoto)
    f.InitiativeFactory(title="Partnered", partner_organizations=[jsps])
    assert search("Kyoto University") == ["Led by Kyoto"]
    assert search("京都大学") == ["Led by Kyoto"]
    assert search("JSPS") == ["Partnered"]
    assert search("Japan Society for the Promotion of Science") == ["Partnered"]


def test_frameworks_and_policy_areas_are_found_in_both_languages():
    area = f.PolicyAreaFactory(slug="climate-change", name="Climate change", name_ja="気候変動")
    framework = f.FrameworkFactory(slug="belmont-forum", name="Belmont Forum", name_ja="ベルモント・フォーラム")
    f.InitiativeFactory(title="Tagged only", policy_areas=[area], frameworks=[framework])
    for query in ("climate", "気候変動", "Belmont", "ベルモント"):
        assert search(query) == ["Tagged only"], query


def test_a_researcher_is_found_by_affiliation_field_country_and_exchange_host(kyoto):
    field = f.ResearchFieldFactory(slug="seismology", name="Seismology", name_ja="地震学")
    mit = f.OrganizationFactory(
        name="Massachusetts Institute of Technology", acronym="MIT", name_ja="マサチューセッツ工科大学"
    )
    researcher = f.ResearcherFactory(family_name="Mori", affiliation=kyoto, fields=[field], country=f.country("KE"))
    f.ExchangeFactory(researcher=researcher, host_organization=mit, country=f.country("GB"))
    f.ResearcherFactory(family_name="Other")
    queries = ("Kyoto University", "京都大学", "Seismology", "地震学", "Kenya", "MIT", "マサチューセッツ", "Britain")
    for query in queries:
        assert search(query, "researchers") == ["Aiko Mori"], query


def test_a_partnership_is_found_by_prefecture_country_and_focus_area():
    hyogo = f.LocalityFactory(name="Hyogo", name_ja="兵庫県", country=f.country("JP"), level="prefecture")
    kobe = f.LocalityFactory(name="Kobe", name_ja="神戸市", country=f.country("JP"), parent=hyogo)
    area = f.PolicyAreaFactory(slug="energy-transition", name="Energy transition", name_ja="エネルギー転換")
    f.PartnershipFactory(japanese_locality=kobe, foreign_locality=f.LocalityFactory(name="Seattle"), focus_areas=[area])
    for query in ("Hyogo", "兵庫", "United States", "アメリカ", "energy", "エネルギー"):
        assert len(search(query, "partnerships")) == 1, query


def test_a_record_with_the_word_in_its_own_title_ranks_above_one_linked_to_it():
    vietnam = f.country("VN")
    for i in range(3):
        f.InitiativeFactory(title=f"Partnered initiative {i}", countries=[vietnam])
    f.InitiativeFactory(title="Vietnam rice study")
    assert search("Vietnam")[0] == "Vietnam rice study"
    assert len(search("Vietnam")) == 4


def test_links_added_and_removed_are_indexed_at_once():
    initiative = f.InitiativeFactory(title="Fisheries")
    initiative.countries.add(f.country("FJ"))
    assert search("Fiji") == ["Fisheries"]
    initiative.countries.clear()
    assert search("Fiji") == []


def test_renames_of_every_linked_table_are_findable_at_once_and_the_old_name_is_gone(kyoto):
    area = f.PolicyAreaFactory(slug="oceans", name="Oceans")
    framework = f.FrameworkFactory(slug="satreps", name="SATREPS")
    f.InitiativeFactory(title="Linked", lead_organization=kyoto, policy_areas=[area], frameworks=[framework])
    Organization.objects.filter(pk=kyoto.pk).update(name="Kyoto Imperial University")  # a bulk update, no save()
    area.name = "Marine affairs"
    area.save()
    framework.name_ja = "地球規模課題対応国際科学技術協力"
    framework.save()
    assert search("Imperial") == ["Linked"]
    assert search("marine") == ["Linked"]
    assert search("地球規模課題") == ["Linked"]
    assert search("Oceans") == []


def test_renaming_a_country_reaches_initiatives_researchers_and_partnerships_in_the_same_transaction():
    nauru = f.country("NR")
    f.InitiativeFactory(title="Island study", countries=[nauru])
    f.ResearcherFactory(family_name="Island", country=nauru)
    f.PartnershipFactory(foreign_locality=f.LocalityFactory(name="Yaren", country=nauru))
    Country.objects.filter(pk=nauru.pk).update(name="Pleasant Island", alt_names="Naoero")
    for register in ("initiatives", "researchers", "partnerships"):
        assert len(search("Pleasant Island", register)) == 1, register
        assert len(search("Naoero", register)) == 1, register


def test_an_unrelated_update_of_a_linked_table_does_not_touch_the_records(kyoto):
    f.InitiativeFactory(title="Untouched", lead_organization=kyoto)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM initiatives_initiative")
        before = cursor.fetchall()
        Organization.objects.filter(pk=kyoto.pk).update(website="https://www.kyoto-u.ac.jp/")
        cursor.execute("SELECT xmin::text FROM initiatives_initiative")
        assert cursor.fetchall() == before  # no row rewritten: the watched names did not change


def test_bulk_created_links_are_indexed():
    initiatives = [f.InitiativeFactory(title=f"Bulk {i}") for i in range(3)]
    ghana = f.country("GH")
    Initiative.countries.through.objects.bulk_create(
        [Initiative.countries.through(initiative=i, country=ghana) for i in initiatives]
    )
    assert len(search("Ghana")) == 3


def test_a_bulk_load_defers_the_text_index_and_indexes_each_record_once_at_the_end():
    with text_index_deferred(registry["initiatives"]):
        initiative = f.InitiativeFactory(title="Loaded in bulk")
        initiative.countries.add(f.country("FJ"))
        assert search("Fiji") == []  # nothing indexed while the load runs
    assert search("Fiji") == ["Loaded in bulk"]
    assert search("bulk") == ["Loaded in bulk"]


def register_rows():
    """Every register's rows as stored (their xmin changes when a row is rewritten)."""
    rows = {}
    with connection.cursor() as cursor:
        for register in registry.values():
            cursor.execute(f"SELECT id, xmin::text FROM {register.model._meta.db_table}")  # noqa: S608
            rows[register.name] = sorted(cursor.fetchall())
    return rows


def test_a_rename_rewrites_no_record_and_every_register_finds_the_new_name_at_once(kyoto):
    """Records hold a stable token per linked row (techdiplo_search 0006): a rename costs one row of the names'
    table, however many records link to the renamed country or organization."""
    nauru = f.country("NR")
    f.InitiativeFactory(title="Island study", countries=[nauru], lead_organization=kyoto)
    f.ResearcherFactory(family_name="Island", country=nauru, affiliation=kyoto)
    f.ExchangeFactory(researcher=f.ResearcherFactory(family_name="Visitor"), host_organization=kyoto, country=nauru)
    f.PartnershipFactory(foreign_locality=f.LocalityFactory(name="Yaren", country=nauru))
    before = register_rows()
    Country.objects.filter(pk=nauru.pk).update(name="Pleasant Island", alt_names="Naoero", name_ja="プレザント島")
    Organization.objects.filter(pk=kyoto.pk).update(name="Kamo River University", acronym="KRU", name_ja="鴨川大学")
    assert register_rows() == before  # no record rewritten
    for query in ("Pleasant Island", "Naoero", "プレザント"):
        assert search(query) == ["Island study"], query
        assert search(query, "researchers") == ["Aiko Island", "Aiko Visitor"], query
        assert len(search(query, "partnerships")) == 1, query
    for query in ("Kamo River University", "KRU", "鴨川大学"):
        assert search(query) == ["Island study"], query
        assert search(query, "researchers") == ["Aiko Island", "Aiko Visitor"], query
    for query in ("Nauru", "ナウル", "Kyoto University", "京都大学"):
        assert search(query) == [], query
        assert search(query, "researchers") == [], query


def test_a_rename_never_makes_a_draft_or_a_researcher_without_consent_findable(kyoto):
    f.InitiativeFactory(title="Draft study", lead_organization=kyoto, editorial_state="draft")
    f.ResearcherFactory(family_name="Hidden", affiliation=kyoto, consent_to_publish=False)
    f.InitiativeFactory(title="Public study", lead_organization=kyoto)
    Organization.objects.filter(pk=kyoto.pk).update(name="Kamo River University")
    assert search("Kamo River") == ["Public study"]
    assert search("Kamo River", "researchers") == []


def test_the_names_table_follows_every_name_added_renamed_and_deleted():
    def names(token):
        with connection.cursor() as cursor:
            cursor.execute("SELECT folded FROM search_name WHERE token = %s", [token])
            return [row[0] for row in cursor.fetchall()]

    area = f.PolicyAreaFactory(slug="oceans", name="Oceans", name_ja="海洋")
    token = f"directory_policyarea:{area.pk}"
    assert names(token) == ["oceans 海洋"]
    area.name = "Marine affairs"
    area.save()
    assert names(token) == ["marine affairs 海洋"]
    area.delete()
    assert names(token) == []


def test_an_excluded_word_also_excludes_the_records_linked_to_a_name_holding_it():
    area = f.PolicyAreaFactory(slug="climate-change", name="Climate change")
    f.InitiativeFactory(title="Rice study", policy_areas=[area], countries=[f.country("VN")])
    f.InitiativeFactory(title="Coral study", policy_areas=[area], countries=[f.country("FJ")])
    f.InitiativeFactory(title="Vietnam climate survey")
    assert search("climate -Vietnam") == ["Coral study"]
    assert search('climate -"Viet Nam"') == ["Coral study"]
    assert sorted(search("climate -Fiji")) == ["Rice study", "Vietnam climate survey"]
