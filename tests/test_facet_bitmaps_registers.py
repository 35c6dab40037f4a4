"""The researchers' and partnerships' facet bitmaps agree with plain grouped counts after any edit.

The same check as ``tests/test_facet_bitmaps.py`` (initiatives), for the two other
registers (``people/migrations/0005_facet_bitmaps``, ``partnerships/migrations/0005_facet_bitmaps``):
every search's counts, total and rows are compared with the test oracle's grouped
counts and filtered rows (``tests/facet_oracle.py``), after edits of every kind the
triggers follow, most of them through ``QuerySet.update()`` (no signal: the bitmaps
must follow anyway).
"""

import pytest
from django.db import connection
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Country, Locality, LocalityLevel, Organization, Sector
from partnerships.models import SubnationalPartnership
from people.models import Exchange, Researcher
from techdiplo.editorial import EditorialState
from techdiplo.search import REGISTERS, Search, bitmaps
from techdiplo.search.declarations import ModelChoices

from . import facet_oracle
from . import factories as f
from .search_data import build_partnerships, build_researchers
from .test_search_facets import querydict

pytestmark = pytest.mark.django_db
RESEARCHERS = REGISTERS["researchers"]
PARTNERSHIPS = REGISTERS["partnerships"]


def known_counts(search, counts):
    """The counts of the values a facet offers. A table-backed facet's bitmaps are named by its choices' rows,
    so a value outside them (a parentless Japanese city's own code under ``prefecture``) is never counted there,
    while the grouped query counts it; the page shows only known values either way."""
    return {
        name: {v: n for v, n in counts[name].items() if v in search.choices[name]}
        if isinstance(facet.choices_source, ModelChoices)
        else counts[name]
        for name, facet in search.facet_filters.items()
    }


def assert_agrees(register, params=""):
    """The search's counts and total equal the oracle's grouped counts and filtered rows."""
    search = Search(register, params if isinstance(params, QueryDict) else QueryDict(params))
    rows = set(facet_oracle.filtered(search).values_list("pk", flat=True))
    counts = search.facet_counts()
    assert known_counts(search, counts) == known_counts(search, facet_oracle.facet_counts(search)), params
    assert search.total() == len(rows), params
    assert counts == known_counts(search, counts), params  # the bitmaps name no value outside the choices
    assert set(search.queryset().values_list("pk", flat=True)) == rows, params
    return search


def counts_of(register, facet, params=""):
    """One facet's counts of the values it offers (what the page shows), after checking the whole search."""
    search = assert_agrees(register, params)
    return known_counts(search, search.facet_counts())[facet]


@pytest.fixture
def researchers():
    """``build_researchers()`` plus a researcher with no affiliation or country, one with two fields and two
    exchanges at a private company, and a draft and a non-consenting researcher with exchanges."""
    created = build_researchers()
    company = f.OrganizationFactory(slug="org-private", sector=Sector.PRIVATE, name="Kaisha")
    created.append(f.ResearcherFactory(affiliation=None, country=None, career_stage="student", english_level="native"))
    two = f.ResearcherFactory(
        affiliation=company, country=f.country("DE"), career_stage="mid_career", fields=created[0].fields.all()
    )
    two.fields.add(created[1].fields.first())
    f.ExchangeFactory.create_batch(2, researcher=two)
    created.append(two)
    f.ExchangeFactory(researcher=Researcher.objects.get(family_name="Hidden"))
    f.ExchangeFactory(researcher=Researcher.objects.get(family_name="Private"))
    return created


@pytest.fixture
def partnerships():
    """``build_partnerships()`` (Tokyo, Hachioji in Tokyo, Osaka, a draft) plus a city in Osaka with two focus
    areas and no year, a parentless town without a code, and an Ehime partnership with Kenya."""
    made = build_partnerships()
    japan = f.country("JP")
    osaka = Locality.objects.get(iso_code="JP-27")
    sakai = f.LocalityFactory(name="Sakai", country=japan, level=LocalityLevel.CITY, parent=osaka)
    loose = f.LocalityFactory(name="Loose town", country=japan, level=LocalityLevel.TOWN)
    nairobi = f.LocalityFactory(name="Nairobi", country=f.country("KE"))
    areas = [f.PolicyAreaFactory(slug=slug) for slug in ("climate-change", "cybersecurity")]
    made["sakai"] = f.PartnershipFactory(
        japanese_locality=sakai, foreign_locality=nairobi, kind="friendship", established=None, focus_areas=areas
    )
    made["loose"] = f.PartnershipFactory(
        japanese_locality=loose, foreign_locality=made["osaka"].foreign_locality, status="dormant", established=2015
    )
    made["ehime"] = f.PartnershipFactory(
        japanese_locality=Locality.objects.get(iso_code="JP-38"),
        foreign_locality=nairobi,
        kind="economic_mou",
        focus_areas=areas[:1],
        established=1960,
    )
    return made


RESEARCHER_CANDIDATES = {
    "field": ["hydrology", "seismology", "ai", "no-such-field"],
    "country": ["JP", "US", "DE", "ZZ"],
    "stage": ["early_career", "senior", "student", "mid_career"],
    "english": ["B1", "B2", "C1", "native"],
    "sector": ["academia", "government", "private"],
    "org": ["org-academia", "org-government", "org-private", "no-such-org"],
    "exchange": ["yes", "no"],
}
PARTNERSHIP_CANDIDATES = {
    "prefecture": ["JP-13", "JP-27", "JP-38", "JP-01", "XX-99"],
    "country": ["US", "DE", "KE", "ZZ"],
    "region": ["americas", "europe", "africa", "asia"],
    "kind": ["sister_city", "friendship", "economic_mou"],
    "area": ["climate-change", "cybersecurity", "no-such-area"],
    "status": ["active", "dormant", "ended"],
}


def selections(candidates, texts, ranges):
    return st.fixed_dictionaries(
        {name: st.lists(st.sampled_from(values), max_size=2) for name, values in candidates.items()},
        optional={"q": st.sampled_from(texts), **{name: st.integers(1950, 2020).map(str) for name in ranges}},
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=selections(RESEARCHER_CANDIDATES, ["Surname1", "Aiko", "Kaisha", "zzz"], []))
def test_researcher_counts_total_and_rows_equal_the_grouped_queries_for_any_search(researchers, selection):
    assert_agrees(RESEARCHERS, querydict(selection))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=selections(PARTNERSHIP_CANDIDATES, ["Tokyo", "Sakai", "Nairobi", "zzz"], ["since_from", "since_to"]))
def test_partnership_counts_total_and_rows_equal_the_grouped_queries_for_any_search(partnerships, selection):
    assert_agrees(PARTNERSHIPS, querydict(selection))


# Researchers: edits -----------------------------------------------------------------------------------


def test_researcher_row_updates_publishing_and_consent_are_followed(researchers):
    first, second = researchers[0], researchers[1]
    Researcher.objects.filter(pk=first.pk).update(career_stage="mid_career", english_level="C2")  # no signal
    assert counts_of(RESEARCHERS, "english", "stage=mid_career")["C2"] == 1
    Researcher.objects.filter(pk=first.pk).update(country=f.country("KE"), bio="A new bio.")
    assert counts_of(RESEARCHERS, "country")["KE"] == 1
    Researcher.objects.filter(pk=second.pk).update(editorial_state=EditorialState.DRAFT)
    assert second.pk not in assert_agrees(RESEARCHERS).queryset().values_list("pk", flat=True)
    Researcher.objects.filter(pk=second.pk).update(editorial_state=EditorialState.PUBLISHED)
    assert_agrees(RESEARCHERS, "exchange=yes")
    Researcher.objects.filter(pk__in=[first.pk, second.pk]).update(consent_to_publish=False)  # consent withdrawn
    search = assert_agrees(RESEARCHERS, "exchange=yes&exchange=no")
    assert not {first.pk, second.pk} & set(search.queryset().values_list("pk", flat=True))
    Researcher.objects.filter(family_name="Private").update(consent_to_publish=True)
    assert_agrees(RESEARCHERS, "field=ai")


def test_researcher_affiliation_and_its_sector_are_followed(researchers):
    academia = Organization.objects.get(slug="org-academia")
    Organization.objects.filter(pk=academia.pk).update(sector=Sector.INTERNATIONAL, name="Renamed")
    assert (
        counts_of(RESEARCHERS, "sector")["international"]
        == Researcher.objects.published().filter(affiliation=academia).count()
    )
    Researcher.objects.filter(pk=researchers[0].pk).update(affiliation=Organization.objects.get(slug="org-private"))
    assert counts_of(RESEARCHERS, "org", "sector=private")["org-private"] == 2
    Researcher.objects.filter(pk=researchers[1].pk).update(affiliation=None)
    assert_agrees(RESEARCHERS, "org=org-government&sector=government")


def test_exchanges_added_moved_and_deleted_are_followed(researchers):
    without = next(r for r in researchers if not r.exchanges.exists())
    exchange = f.ExchangeFactory(researcher=without)
    assert without.pk in assert_agrees(RESEARCHERS, "exchange=yes").queryset().values_list("pk", flat=True)
    other = next(r for r in researchers if not r.exchanges.exists())
    Exchange.objects.filter(pk=exchange.pk).update(researcher=other, programme="Moved")  # leaves one, reaches another
    search = assert_agrees(RESEARCHERS, "exchange=no")
    assert without.pk in search.queryset().values_list("pk", flat=True)
    Exchange.objects.filter(pk=exchange.pk).update(programme="Renamed only")
    assert_agrees(RESEARCHERS, "exchange=yes")
    yes_before = counts_of(RESEARCHERS, "exchange")["yes"]
    Exchange.objects.filter(researcher__in=[r for r in researchers if r.exchanges.exists()][:2]).delete()
    assert counts_of(RESEARCHERS, "exchange")["yes"] == yes_before - 2


def test_researcher_fields_links_and_deletion_are_followed(researchers):
    first, second = researchers[0], researchers[1]
    first.fields.add(f.ResearchFieldFactory(slug="oceanography"))
    second.fields.clear()
    assert counts_of(RESEARCHERS, "field", "stage=early_career")["oceanography"] == 1
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE people_researcher_fields SET researcher_id = %s WHERE researcher_id = %s", [second.pk, first.pk]
        )
    search = assert_agrees(RESEARCHERS, "field=oceanography")
    assert list(search.queryset()) == [second]
    second.delete()
    assert_agrees(RESEARCHERS, "field=oceanography&field=ai")


# Partnerships: edits ----------------------------------------------------------------------------------


def test_partnership_row_updates_links_publishing_and_deletion_are_followed(partnerships):
    tokyo, osaka = partnerships["tokyo"], partnerships["osaka"]
    SubnationalPartnership.objects.filter(pk=tokyo.pk).update(kind="workation", status="ended", established=None)
    assert counts_of(PARTNERSHIPS, "kind", "status=ended") == {"workation": 1}
    assert_agrees(PARTNERSHIPS, "since_to=2000")
    SubnationalPartnership.objects.filter(pk=osaka.pk).update(established=1999, description="Only words.")
    assert_agrees(PARTNERSHIPS, "since_from=1999&since_to=1999")
    osaka.focus_areas.add(f.PolicyAreaFactory(slug="oceans"))
    partnerships["sakai"].focus_areas.remove(f.PolicyAreaFactory(slug="cybersecurity"))
    assert counts_of(PARTNERSHIPS, "area") == {"climate-change": 2, "oceans": 1}
    SubnationalPartnership.objects.filter(pk=partnerships["draft"].pk).update(editorial_state="published")
    assert_agrees(PARTNERSHIPS, "prefecture=JP-13")
    SubnationalPartnership.objects.filter(pk=tokyo.pk).update(editorial_state="draft")
    assert_agrees(PARTNERSHIPS, "prefecture=JP-13&region=europe")
    partnerships["ehime"].delete()
    assert "JP-38" not in counts_of(PARTNERSHIPS, "prefecture")


def test_a_partnerships_prefecture_follows_its_localities(partnerships):
    hachioji = partnerships["hachioji"].japanese_locality
    assert counts_of(PARTNERSHIPS, "prefecture") == {"JP-13": 2, "JP-27": 2, "JP-38": 1}
    Locality.objects.filter(pk=hachioji.pk).update(parent=Locality.objects.get(iso_code="JP-27"))  # moved to Osaka
    assert counts_of(PARTNERSHIPS, "prefecture", "prefecture=JP-27") == {"JP-13": 1, "JP-27": 3, "JP-38": 1}
    Locality.objects.filter(iso_code="JP-27").update(level=LocalityLevel.CITY)  # Osaka is no prefecture now
    assert counts_of(PARTNERSHIPS, "prefecture") == {"JP-13": 1, "JP-38": 1}
    Locality.objects.filter(iso_code="JP-27").update(level=LocalityLevel.PREFECTURE, iso_code="JP-99")
    assert counts_of(PARTNERSHIPS, "prefecture", "prefecture=JP-99") == {"JP-13": 1, "JP-99": 3, "JP-38": 1}
    Locality.objects.filter(iso_code="JP-38").update(country=f.country("KR"))
    assert counts_of(PARTNERSHIPS, "prefecture") == {"JP-13": 1, "JP-99": 3}
    Locality.objects.filter(pk=hachioji.pk).update(parent=None, level=LocalityLevel.PREFECTURE, iso_code="JP-50")
    assert counts_of(PARTNERSHIPS, "prefecture")["JP-50"] == 1


def test_a_partnerships_country_and_region_follow_the_foreign_locality_and_its_country(partnerships):
    abroad = partnerships["tokyo"].foreign_locality
    Locality.objects.filter(pk=abroad.pk).update(country=f.country("DE"))
    assert counts_of(PARTNERSHIPS, "country", "region=europe")["DE"] == 3
    Country.objects.filter(iso2="KE").update(region="europe", name="Kenya renamed")
    assert counts_of(PARTNERSHIPS, "region") == {"americas": 1, "europe": 5}
    Country.objects.filter(iso2="JP").update(iso2="JX")  # no Japanese prefecture is offered any more
    assert counts_of(PARTNERSHIPS, "prefecture") == {}
    Country.objects.filter(iso2="JX").update(iso2="JP")
    assert_agrees(PARTNERSHIPS, "prefecture=JP-13&country=DE")


# Both: bulk loads and rebuilds --------------------------------------------------------------------------


@pytest.mark.parametrize("register", [RESEARCHERS, PARTNERSHIPS], ids=lambda r: r.name)
def test_the_rebuilt_bitmaps_equal_the_ones_the_triggers_kept(researchers, partnerships, register):
    Researcher.objects.filter(pk=researchers[2].pk).update(english_level="A1")
    researchers[3].fields.clear()
    Exchange.objects.filter(researcher=researchers[5]).delete()
    Locality.objects.filter(pk=partnerships["sakai"].japanese_locality_id).update(parent=None)
    # Tokyo stops being a prefecture: its own partnership and its city's lose the value (invisible on the page,
    # which offers only prefectures, but the stored bits must say so too).
    Locality.objects.filter(iso_code="JP-13").update(level=LocalityLevel.CITY)
    partnerships["osaka"].delete()
    assert_agrees(register)
    query = (
        "SELECT facet, value, bits::text FROM search_facet_bitmap "
        "WHERE register = %s AND bit_count(bits) > 0 ORDER BY facet, value"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [register.name])
        kept = cursor.fetchall()
        bitmaps.rebuild(register)
        cursor.execute(query, [register.name])
        assert cursor.fetchall() == kept
    assert len(kept) > 10


def test_a_bulk_load_with_deferred_triggers_is_rebuilt_after(researchers, partnerships):
    with bitmaps.deferred(RESEARCHERS, PARTNERSHIPS):
        Researcher.objects.filter(pk=researchers[0].pk).update(career_stage="senior", english_level="A2")
        f.ExchangeFactory(researcher=researchers[0])
        SubnationalPartnership.objects.filter(pk=partnerships["loose"].pk).update(kind="workation")
        lagging = Search(PARTNERSHIPS, QueryDict("kind=workation")).page("1")[0].paginator.count
        assert lagging == 0  # inside the block the bitmaps lag behind
    assert counts_of(RESEARCHERS, "english", "stage=senior")["A2"] == 1
    assert counts_of(PARTNERSHIPS, "kind") == {"sister_city": 3, "friendship": 1, "economic_mou": 1, "workation": 1}
