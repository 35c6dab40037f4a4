"""Reference data loaded by migration directory/0002: countries, subdivisions, policy areas."""

from collections import Counter
from io import StringIO

import pycountry
import pytest
from django.apps import apps
from django.core.management import call_command

from directory import reference
from directory.models import Country, Locality, LocalityLevel, PolicyArea, Region

pytestmark = pytest.mark.django_db


def test_every_pycountry_country_is_loaded_with_a_region():
    regions = dict(Country.objects.values_list("iso2", "region"))

    for entry in pycountry.countries:
        assert regions.get(entry.alpha_2) in Region.values, entry.alpha_2


def test_country_count_is_the_iso_3166_1_list():
    assert Country.objects.count() == len(pycountry.countries)
    assert 240 <= Country.objects.count() <= 260


def test_each_code_has_exactly_one_region_in_the_table():
    codes = Counter(code for text in reference.REGION_CODES.values() for code in text.split())

    assert [code for code, times in codes.items() if times > 1] == []


@pytest.mark.parametrize(
    ("iso2", "region"),
    [
        ("TW", Region.ASIA),
        ("HK", Region.ASIA),
        ("MO", Region.ASIA),
        ("PS", Region.ASIA),
        ("CY", Region.ASIA),
        ("RU", Region.EUROPE),
        ("MX", Region.AMERICAS),
        ("AU", Region.OCEANIA),
        ("EG", Region.AFRICA),
        ("AQ", Region.ANTARCTICA),
    ],
)
def test_countries_are_in_their_un_m49_region(iso2, region):
    assert Country.objects.get(iso2=iso2).region == region


def test_countries_have_readable_english_and_japanese_names():
    names = {c.iso2: (c.name, c.name_ja) for c in Country.objects.filter(iso2__in=["JP", "KR", "TW", "RU", "US"])}

    assert names == {
        "JP": ("Japan", "日本"),
        "KR": ("South Korea", "韓国"),
        "TW": ("Taiwan", "台湾"),
        "RU": ("Russia", "ロシア"),
        "US": ("United States", "米国"),
    }


def test_japan_has_its_47_prefectures():
    prefectures = Locality.objects.filter(country__iso2="JP", level=LocalityLevel.PREFECTURE)

    assert sorted(prefectures.values_list("iso_code", flat=True)) == [f"JP-{n:02}" for n in range(1, 48)]
    assert all(p.name_ja[-1] in "都道府県" and p.parent_id is None for p in prefectures)


@pytest.mark.parametrize(
    ("iso_code", "name", "name_ja"),
    [
        ("JP-01", "Hokkaido", "北海道"),
        ("JP-13", "Tokyo", "東京都"),
        ("JP-26", "Kyoto", "京都府"),
        ("JP-27", "Osaka", "大阪府"),
    ],
)
def test_prefectures_have_english_and_japanese_names(iso_code, name, name_ja):
    prefecture = Locality.objects.get(iso_code=iso_code)

    assert (prefecture.name, prefecture.name_ja) == (name, name_ja)


def test_prefecture_names_can_be_typed_without_accents():
    names = Locality.objects.filter(country__iso2="JP").values_list("name", flat=True)

    assert all(name.isascii() for name in names)


def test_partner_states_are_first_level_localities():
    california = Locality.objects.select_related("country").get(iso_code="US-CA")

    assert (california.name, california.country.iso2, california.parent) == ("California", "US", None)
    assert california.level == LocalityLevel.PREFECTURE


def test_every_partner_country_has_its_subdivisions():
    loaded = set(Locality.objects.exclude(iso_code="").values_list("country__iso2", flat=True))

    assert set(reference.PARTNER_COUNTRIES.split()) <= loaded


@pytest.mark.parametrize(
    ("iso_code", "name", "name_ja"),
    [
        ("CN-BJ", "Beijing", "北京市"),
        ("KR-11", "Seoul", "ソウル特別市"),
        ("DE-BY", "Bavaria", "バイエルン"),
        ("GB-WLS", "Wales", "ウェールズ"),
        ("IN-MH", "Maharashtra", ""),
        ("FR-IDF", "Île-de-France", "イルドフランス"),
    ],
)
def test_subdivisions_have_english_names_and_japanese_where_known(iso_code, name, name_ja):
    locality = Locality.objects.get(iso_code=iso_code)

    assert (locality.name, locality.name_ja) == (name, name_ja)


def test_locality_names_are_unique_within_a_country():
    names = Counter(Locality.objects.values_list("country_id", "name"))

    assert [key for key, times in names.items() if times > 1] == []


def test_name_corrections_refer_to_loaded_codes():
    # A typo in a correction's code would silently leave pycountry's name in place.
    assert set(reference._table(reference.SUBDIVISION_NAMES)) <= set(reference.localities())
    assert set(reference._table(reference.COUNTRY_NAMES)) <= set(reference.countries())


def test_the_design_policy_areas_are_loaded_with_japanese_names():
    areas = dict(PolicyArea.objects.values_list("slug", "name_ja"))

    assert len(reference.policy_areas()) == 16
    assert {slug: areas.get(slug) for slug in reference.policy_areas()} == {
        slug: row["name_ja"] for slug, row in reference.policy_areas().items()
    }
    assert areas["climate-change"] == "気候変動"
    assert areas["internet-governance"] == "インターネット・ガバナンス"
    assert all(areas[slug] for slug in reference.policy_areas())


def test_loading_again_changes_nothing():
    counts = (Country.objects.count(), Locality.objects.count(), PolicyArea.objects.count())

    summary = reference.load(apps)

    assert summary == {"countries": (0, 0), "localities": (0, 0), "policy areas": (0, 0)}
    assert (Country.objects.count(), Locality.objects.count(), PolicyArea.objects.count()) == counts


def test_loading_unchanged_data_only_reads(django_assert_max_num_queries):
    # countries; ids of the localities' countries; hand-made localities; localities by ISO code; policy areas
    with django_assert_max_num_queries(5):
        reference.load(apps)


def test_loading_restores_an_edited_name():
    Locality.objects.filter(iso_code="JP-13").update(name="Tôkyô", name_ja="東京")

    summary = reference.load(apps)

    assert summary["localities"] == (0, 1)
    assert Locality.objects.get(iso_code="JP-13").name_ja == "東京都"


def test_loading_completes_a_hand_made_subdivision_instead_of_duplicating_it():
    Locality.objects.filter(iso_code="US-OR").delete()
    hand_made = Locality.objects.create(
        name="Oregon", country=Country.objects.get(iso2="US"), level=LocalityLevel.PREFECTURE
    )

    reference.load(apps)

    assert list(Locality.objects.filter(country__iso2="US", name="Oregon").values_list("pk", "iso_code")) == [
        (hand_made.pk, "US-OR")
    ]


def test_command_reports_what_it_changed():
    PolicyArea.objects.filter(slug="tourism-and-mobility").delete()
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    assert "policy areas: 1 created, 0 updated" in out.getvalue()
    assert "countries: 0 created, 0 updated" in out.getvalue()
