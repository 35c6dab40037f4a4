"""Coordinates for localities, from Natural Earth's shapes and GeoNames (maps.coordinates)."""

import pytest

from directory import reference
from maps import coordinates


def test_a_subdivision_is_placed_by_the_centroid_of_its_shape():
    assert coordinates.locality(iso_code="US-CA", name="California", country="US") == pytest.approx(
        (37.19, -119.47), abs=0.1
    )


def test_a_code_renamed_since_natural_earths_release_is_found_under_its_old_spelling():
    assert coordinates.subdivision("IN-TS") == coordinates.subdivision("IN-TG") is not None
    assert coordinates.subdivision("MX-CMX") == pytest.approx((19.4, -99.1), abs=0.3)


def test_an_outlying_area_that_is_a_country_takes_the_countrys_centroid():
    assert coordinates.subdivision("CN-TW") == pytest.approx((23.7, 121.0), abs=0.5)
    assert coordinates.subdivision("US-GU") == pytest.approx((13.4, 144.8), abs=0.3)


def test_a_region_natural_earth_divides_is_the_centre_of_its_parts():
    england = coordinates.subdivision("GB-ENG")
    assert england == pytest.approx((52.8, -1.5), abs=1.0)
    assert coordinates.subdivision("FR-IDF") == pytest.approx((48.7, 2.5), abs=0.4)


def test_a_subdivision_without_a_shape_is_not_placed_by_a_namesake_town():
    # Samburu County is in northern Kenya; GeoNames' "Samburu" is a village near the coast.
    assert coordinates.locality(iso_code="KE-37", name="Samburu", country="KE") is None


def test_cities_are_placed_within_their_parent_subdivision():
    portland_oregon = coordinates.city("Portland", "US", parent_iso_code="US-OR")
    portland_maine = coordinates.city("Portland", "US", parent_iso_code="US-ME")
    assert portland_oregon == pytest.approx((45.52, -122.68), abs=0.05)
    assert portland_maine == pytest.approx((43.66, -70.26), abs=0.05)


def test_a_city_is_found_by_its_japanese_name_and_by_its_geonames_id():
    assert coordinates.city("", "JP", japanese_name="札幌市") == pytest.approx((43.06, 141.35), abs=0.05)
    assert coordinates.city("anything", "JP", geonames_id=1850147) == pytest.approx((35.69, 139.69), abs=0.05)


def test_an_unknown_city_is_not_placed():
    assert coordinates.locality(name="Nowhere-upon-Nothing", country="JP", parent_iso_code="JP-13") is None


def test_every_prefecture_and_most_reference_subdivisions_are_placed():
    localities = reference.localities()
    placed = {code for code in localities if coordinates.subdivision(code)}
    assert {code for code in localities if code.startswith("JP-")} <= placed
    unplaced = set(localities) - placed
    # Kenya's 47 counties (Natural Earth has its 8 former provinces), and five areas without a shape of their own.
    assert {code for code in unplaced if not code.startswith("KE-")} == {"US-UM", "FR-CP", "PH-00", "IT-23", "TH-S"}
