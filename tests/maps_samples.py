"""Inputs for the map renderers, shaped like a register's facet counts: skewed (a few large values, a
long tail), named in both languages from the reference data, and a worst case of every key."""

import random

from directory import reference
from maps import shapes
from maps.lines import Place, Tie

COUNTRIES = reference.countries()
LOCALITIES = reference.localities()


def names(rows, language):
    field = "name_ja" if language == "ja" else "name"
    return {key: row[field] or row["name"] for key, row in rows.items()}


def country_names(language="en"):
    return names(COUNTRIES, language)


def prefecture_names(language="en"):
    return names({key: row for key, row in LOCALITIES.items() if key.startswith("JP-")}, language)


def zipf(keys, top, seed):
    """{key: count} with counts falling as top / rank; shuffled so the largest are not alphabetical."""
    keys = sorted(keys)
    random.Random(seed).shuffle(keys)
    return {key: max(1, top // (rank + 1)) for rank, key in enumerate(keys)}


def world_counts(n=60, top=4800, seed=1):
    drawn = sorted(shapes.world()["countries"])
    return zipf(random.Random(seed).sample(drawn, n), top, seed)


def japan_counts(top=300, seed=2):
    return zipf(prefecture_names(), top, seed)


def links(counts, parameter):
    return {key: f"/partnerships/?{parameter}={key}" for key in counts}


def country_place(iso2, language="en"):
    lat, lon = shapes.world()["countries"][iso2]["centroid"] if iso2 in shapes.world()["countries"] else (None, None)
    return Place(
        key=iso2, name=country_names(language).get(iso2, iso2), lat=lat, lon=lon, url=f"/countries/{iso2.lower()}/"
    )


def subdivision_place(code, language="en"):
    field = "name_ja" if language == "ja" else "name"
    row = LOCALITIES[code]
    centroid = shapes.subdivisions().get(code, {}).get("centroid", (None, None))
    parent = None if code.startswith("JP-") else country_place(row["country"], language)
    return Place(key=code, name=row[field] or row["name"], lat=centroid[0], lon=centroid[1], parent=parent)


def ties(n=400, seed=3, language="en"):
    """``n`` partnerships between prefectures and the partners' states or provinces, skewed as in life."""
    rng = random.Random(seed)
    prefectures = sorted(key for key in LOCALITIES if key.startswith("JP-"))
    abroad = sorted(key for key in LOCALITIES if not key.startswith("JP-"))
    rng.shuffle(abroad)
    # Partners' weight: the United States' states most, then a long tail, as in the sister-city lists.
    weights = [(8 if key.startswith("US-") else 1) / (rank + 1) ** 0.5 for rank, key in enumerate(abroad)]
    result = []
    for _ in range(n):
        japan = subdivision_place(rng.choice(prefectures), language)
        other = subdivision_place(rng.choices(abroad, weights)[0], language)
        result.append(Tie(japan=japan, abroad=other))
    return result


def year_counts(first=1955, last=2026, seed=4):
    rng = random.Random(seed)
    return {year: rng.randint(0, 3) + (year - first) // 6 for year in range(first, last + 1)}
