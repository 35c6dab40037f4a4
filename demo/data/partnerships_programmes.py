"""More sister relationships, and the newer kinds of U.S.–Japan subnational engagement.

The programme records (regional partnerships on wildfire and ageing, entrepreneurship
networks, workation, economic MoUs, people-to-people exchange) are illustrative: they
tell the stories of the register's brief rather than describe a specific agreement.
"""

from datetime import date

from partnerships.models import ActivityKind as A
from partnerships.models import PartnershipKind as K
from partnerships.models import PartnershipStatus as S

from .builders import draft, in_review, published

CLAIR = "https://www.clair.or.jp/j/exchange/shimai/"


def sister(slug, japanese, foreign, year, areas, description, activities=(), kind=None):
    """A long-standing sister relationship with the sources every such record shares: a prefecture's (an ISO
    3166-2 code) is a sister state or province, a city's a sister city, unless ``kind`` says otherwise."""
    return published(
        slug=slug,
        japanese_locality=japanese,
        foreign_locality=foreign,
        kind=kind or (K.SISTER_STATE if japanese.startswith("JP-") else K.SISTER_CITY),
        areas=areas,
        established=year,
        status=S.ACTIVE,
        description=description,
        sources=[CLAIR],
        last_reviewed=date(2026, 2, 16),
        activities=list(activities),
    )


PARTNERSHIPS = [
    sister(
        "shiga-michigan",
        "JP-25",
        "US-MI",
        1968,
        ["environment", "education"],
        "Sister state relationship; two lake regions (Lake Biwa and the Great Lakes) sharing water-quality work.",
        [(date(2018, 9, 17), "50th anniversary water-environment symposium", A.CONFERENCE, 95)],
    ),
    sister(
        "toyama-oregon",
        "JP-16",
        "US-OR",
        1991,
        ["economic-development", "education"],
        "Sister state relationship; trade and teacher exchanges.",
        [(date(2021, 5, 20), "30th anniversary online business seminar", A.CONFERENCE, 60)],
    ),
    sister(
        "hokkaido-massachusetts",
        "JP-01",
        "US-MA",
        1990,
        ["education", "science-and-technology-capacity"],
        "Sister state relationship; higher-education and research links.",
        [(date(2015, 10, 6), "25th anniversary university delegation", A.DELEGATION, 25)],
    ),
    sister(
        "hyogo-western-australia",
        "JP-28",
        "AU-WA",
        1981,
        ["education", "resource-management"],
        "Sister state relationship; resources trade and school exchanges.",
        [(date(2021, 10, 21), "40th anniversary resources and energy dialogue", A.CONFERENCE, 55)],
    ),
    sister(
        "aichi-victoria",
        "JP-23",
        "AU-VIC",
        1980,
        ["education", "energy-transition"],
        "Sister state relationship; hydrogen supply chain and education.",
        [(date(2020, 6, 30), "40th anniversary hydrogen roundtable", A.CONFERENCE, 40)],
    ),
    sister(
        "kobe-brisbane",
        "kobe",
        "brisbane",
        1985,
        ["education", "tourism-and-mobility"],
        "Sister cities; student exchange and tourism.",
        [(date(2015, 5, 12), "30th anniversary cultural festival", A.CULTURAL, 300)],
    ),
    sister(
        "yokohama-vancouver",
        "yokohama",
        "vancouver",
        1965,
        ["economic-development", "climate-change"],
        "Sister port cities; green port and urban climate policy exchanges.",
        [(date(2015, 7, 1), "50th anniversary green port workshop", A.WORKSHOP, 35)],
    ),
    sister(
        "fukuoka-oakland",
        "fukuoka",
        "oakland",
        1962,
        ["economic-development", "education"],
        "Sister cities; start-up and port exchanges.",
        [(date(2022, 11, 8), "60th anniversary start-up pitch event", A.TRADE_MISSION, 50)],
    ),
    sister(
        "hiroshima-honolulu",
        "hiroshima",
        "honolulu",
        1959,
        ["peacebuilding", "education"],
        "Sister cities; peace memorial events and youth exchanges.",
        [(date(2019, 8, 6), "Peace memorial youth delegation", A.EXCHANGE, 20)],
    ),
    sister(
        "saitama-ohio",
        "JP-11",
        "US-OH",
        1990,
        ["economic-development", "education"],
        "Sister state relationship; manufacturing and education.",
        [(date(2020, 10, 27), "30th anniversary manufacturing webinar", A.CONFERENCE, 75)],
    ),
    sister(
        "shizuoka-zhejiang",
        "JP-22",
        "CN-ZJ",
        1982,
        ["environment", "economic-development"],
        "Friendship province relationship; tea, environment and business.",
        [(date(2022, 4, 19), "40th anniversary online exchange", A.CONFERENCE, 45)],
        kind=K.FRIENDSHIP,
    ),
    published(
        slug="saitama-ohio-entrepreneurship-network",
        japanese_locality="JP-11",
        foreign_locality="columbus",  # the state's sister-state tie is its own record (saitama-ohio)
        kind=K.ENTREPRENEURSHIP_NETWORK,
        areas=["economic-development", "population-ageing"],
        established=2022,
        status=S.ACTIVE,
        description="Workers displaced from manufacturing plants mentor small businesses and start-ups in both "
        "regions, online and on reciprocal visits.",
        sources=["https://www.jcie.org/"],
        last_reviewed=date(2026, 6, 22),
        activities=[
            (date(2022, 10, 5), "Network launch and first mentor cohort", A.AGREEMENT, 30),
            (date(2023, 6, 14), "Mentoring sessions for family-owned manufacturers", A.MENTORING, 24),
            (date(2024, 9, 10), "Reciprocal visit of Ohio mentors to Saitama", A.DELEGATION, 12),
            (date(2025, 11, 18), "Small-business mentoring clinic", A.MENTORING, 40),
        ],
    ),
    published(
        slug="shirahama-california-workation",
        japanese_locality="shirahama",
        foreign_locality="US-CA",
        kind=K.WORKATION,
        areas=["tourism-and-mobility", "population-ageing", "economic-development"],
        established=2021,
        status=S.ACTIVE,
        description="Workation offices in Shirahama host Japanese city workers and staff of California technology "
        "companies, bringing working-age people to an ageing seaside town.",
        sources=["https://www.pref.wakayama.lg.jp/", "https://www.town.shirahama.wakayama.jp/"],
        last_reviewed=date(2026, 7, 6),
        activities=[
            (date(2021, 10, 1), "Workation pilot with California companies", A.AGREEMENT, 15),
            (date(2023, 2, 20), "Two-week workation for Bay Area engineers", A.EXCHANGE, 18),
            (date(2025, 3, 12), "Rural revitalisation workshop", A.WORKSHOP, 35),
        ],
    ),
    published(
        slug="karuizawa-seattle-workation",
        japanese_locality="karuizawa",
        foreign_locality="seattle",
        kind=K.WORKATION,
        areas=["tourism-and-mobility", "population-ageing"],
        established=2022,
        status=S.DORMANT,
        description="Remote-work stays for Seattle and Tokyo workers in a mountain resort town; paused since 2024.",
        sources=["https://www.pref.nagano.lg.jp/"],
        last_reviewed=date(2026, 7, 6),
        activities=[(date(2022, 9, 5), "Autumn workation residency", A.EXCHANGE, 10)],
    ),
    published(
        slug="nagano-colorado-wildfire-ageing",
        japanese_locality="JP-20",
        foreign_locality="US-CO",
        kind=K.REGIONAL_PARTNERSHIP,
        areas=["disaster-risk-reduction", "population-ageing", "climate-change"],
        established=2023,
        status=S.ACTIVE,
        description="Mountain regions compare notes: Colorado on wildfire, Nagano on population ageing, both on "
        "keeping rural communities safe and lived in.",
        sources=["https://www.pref.nagano.lg.jp/"],
        last_reviewed=date(2026, 8, 24),
        activities=[
            (date(2023, 11, 7), "Memorandum on rural resilience", A.AGREEMENT, 20),
            (date(2024, 8, 19), "Wildfire preparedness workshop in Nagano", A.WORKSHOP, 45),
            (date(2025, 6, 10), "Ageing communities study tour to Colorado", A.DELEGATION, 14),
        ],
    ),
    published(
        slug="akita-oregon-ageing-wildfire",
        japanese_locality="JP-05",
        foreign_locality="US-OR",
        kind=K.REGIONAL_PARTNERSHIP,
        areas=["population-ageing", "disaster-risk-reduction"],
        established=2024,
        status=S.ACTIVE,
        description="Japan's most aged prefecture and a western state facing wildfires share approaches to "
        "rural health care and evacuation of older residents.",
        sources=["https://www.pref.akita.lg.jp/"],
        last_reviewed=date(2026, 8, 24),
        activities=[(date(2025, 9, 30), "Evacuation planning for older residents", A.WORKSHOP, 38)],
    ),
    published(
        slug="aichi-california-zero-emission-mou",
        japanese_locality="JP-23",
        foreign_locality="US-CA",
        kind=K.ECONOMIC_MOU,
        areas=["energy-transition", "economic-development", "climate-change"],
        established=2019,
        status=S.ACTIVE,
        description="Memorandum on zero-emission vehicles, hydrogen refuelling and supplier links.",
        sources=["https://www.pref.aichi.jp/"],
        last_reviewed=date(2026, 5, 11),
        activities=[
            (date(2019, 9, 26), "Memorandum signed", A.AGREEMENT, 25),
            (date(2024, 2, 13), "Hydrogen supplier trade mission", A.TRADE_MISSION, 22),
        ],
    ),
    published(
        slug="miyagi-washington-youth-recovery",
        japanese_locality="JP-04",
        foreign_locality="US-WA",
        kind=K.PEOPLE_TO_PEOPLE,
        areas=["education", "disaster-risk-reduction"],
        established=2012,
        status=S.ENDED,
        description="Summer exchanges for high-school students from tsunami-hit Miyagi towns, 2012–2016.",
        sources=["https://www.pref.miyagi.jp/"],
        last_reviewed=date(2025, 12, 1),
        activities=[
            (date(2012, 7, 25), "First summer exchange", A.EXCHANGE, 30),
            (date(2016, 8, 2), "Final cohort and alumni reunion", A.EXCHANGE, 45),
        ],
    ),
    in_review(
        slug="kumamoto-montana-wildfire-smoke",
        japanese_locality="JP-43",
        foreign_locality="missoula",  # beside the sister-state record kumamoto-montana
        kind=K.REGIONAL_PARTNERSHIP,
        areas=["public-health", "climate-change"],
        established=2026,
        status=S.ACTIVE,
        description="A joint study of wildfire smoke and health.",
    ),
    draft(
        slug="tokyo-california-climate-mou",
        japanese_locality="JP-13",
        foreign_locality="US-CA",
        kind=K.ECONOMIC_MOU,
        areas=["climate-change", "energy-transition"],
        status=S.ACTIVE,
        description="Draft: details of the memorandum to be confirmed.",
    ),
    draft(
        slug="shirahama-portland-workation",
        japanese_locality="shirahama",
        foreign_locality="portland",
        kind=K.WORKATION,
        areas=["tourism-and-mobility"],
        status=S.DORMANT,
        description="Draft: proposal under discussion.",
    ),
]
