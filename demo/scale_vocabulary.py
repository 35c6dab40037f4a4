"""Words for the scale data set: real science-diplomacy vocabulary, so text search has something to find.

Kept apart from ``demo/scale.py`` so the generator reads as logic, not as word lists.
Topics are keyed by policy-area slug (the reference data's slugs); an area without
an entry borrows the generic topics.
"""

from initiatives.models import InitiativeKind, InitiativeStatus
from partnerships.models import PartnershipKind, PartnershipStatus
from people.models import CareerStage

# {value: weight} tables for the categorical fields.
ORGANIZATION_KINDS = {
    "university": 35,
    "research_institute": 15,
    "ministry": 4,
    "agency": 10,
    "local_government": 8,
    "company": 15,
    "international_body": 5,
    "ngo": 8,
}
CAREER_STAGES = {CareerStage.STUDENT: 15, CareerStage.EARLY: 35, CareerStage.MID: 30, CareerStage.SENIOR: 20}
JAPANESE_ENGLISH = {"A2": 8, "B1": 25, "B2": 30, "C1": 20, "C2": 5, "unknown": 12}
FOREIGN_ENGLISH = {"native": 40, "C1": 35, "C2": 15, "B2": 10}
INITIATIVE_KINDS = {
    InitiativeKind.RESEARCH_COLLABORATION: 30,
    InitiativeKind.EXCHANGE_PROGRAMME: 15,
    InitiativeKind.CAPACITY_BUILDING: 15,
    InitiativeKind.POLICY_DIALOGUE: 10,
    InitiativeKind.SUMMIT_OR_FORUM: 8,
    InitiativeKind.FUNDING_PROGRAMME: 10,
    InitiativeKind.RESEARCH_CENTRE: 7,
    InitiativeKind.SECURITY_COOPERATION: 5,
}
INITIATIVE_STATUSES = {
    InitiativeStatus.ACTIVE: 40,
    InitiativeStatus.COMPLETED: 35,
    InitiativeStatus.PLANNED: 15,
    InitiativeStatus.PROPOSED: 10,
}
ROLES = {"co_investigator": 3, "member": 5, "adviser": 1, "delegate": 1}
PARTNERSHIP_KINDS = {
    PartnershipKind.SISTER_CITY: 40,
    PartnershipKind.FRIENDSHIP: 20,
    PartnershipKind.REGIONAL_PARTNERSHIP: 10,
    PartnershipKind.ECONOMIC_MOU: 10,
    PartnershipKind.PEOPLE_TO_PEOPLE: 10,
    PartnershipKind.ENTREPRENEURSHIP_NETWORK: 5,
    PartnershipKind.WORKATION: 5,
}
PARTNERSHIP_STATUSES = {PartnershipStatus.ACTIVE: 70, PartnershipStatus.DORMANT: 20, PartnershipStatus.ENDED: 10}

TOPICS = {
    "climate-change": [
        "climate adaptation",
        "carbon neutrality",
        "glacier monitoring",
        "greenhouse gas inventories",
        "climate finance",
        "ocean acidification",
        "climate modelling",
        "heatwave early warning",
    ],
    "disaster-risk-reduction": [
        "earthquake early warning",
        "tsunami resilience",
        "flood forecasting",
        "landslide monitoring",
        "wildfire response",
        "Sendai Framework implementation",
        "typhoon preparedness",
        "seismic retrofitting",
    ],
    "energy-transition": [
        "hydrogen supply chains",
        "offshore wind",
        "grid storage batteries",
        "ammonia co-firing",
        "geothermal energy",
        "energy efficiency",
        "smart grids",
        "solar photovoltaics",
    ],
    "environment": [
        "marine plastic litter",
        "biodiversity conservation",
        "coral reef restoration",
        "air quality monitoring",
        "satoyama landscapes",
        "wetland conservation",
        "circular economy",
    ],
    "resource-management": [
        "critical minerals",
        "rare earth recycling",
        "water resource management",
        "sustainable fisheries",
        "forest management",
        "deep-sea mineral surveys",
    ],
    "food-security": [
        "drought-resilient rice",
        "rice breeding",
        "food loss reduction",
        "smallholder agriculture",
        "aquaculture",
        "soil health",
        "agricultural extension",
    ],
    "security": [
        "maritime domain awareness",
        "export control",
        "nuclear non-proliferation",
        "space situational awareness",
        "economic security",
        "research security",
        "Five Eyes intelligence sharing",
    ],
    "cybersecurity": [
        "cybersecurity capacity building",
        "incident response teams",
        "critical infrastructure protection",
        "cyber threat intelligence",
        "secure software supply chains",
        "post-quantum cryptography",
    ],
    "education": [
        "young scientist exchange",
        "doctoral training",
        "STEM education",
        "academic English presentation skills",
        "joint degree programmes",
        "summer schools",
    ],
    "public-health": [
        "infectious disease surveillance",
        "universal health coverage",
        "antimicrobial resistance",
        "vaccine development",
        "tropical medicine",
        "pandemic preparedness",
        "maternal and child health",
    ],
    "peacebuilding": [
        "demining technology",
        "post-conflict reconstruction",
        "human security",
        "refugee education",
        "mediation capacity",
    ],
    "economic-development": [
        "entrepreneurship mentoring",
        "industrial human resources",
        "quality infrastructure",
        "small business networks",
        "digital transformation",
        "startup ecosystems",
    ],
    "internet-governance": [
        "multi-stakeholder internet governance",
        "data free flow with trust",
        "digital public infrastructure",
        "artificial intelligence governance",
        "cross-border data flows",
    ],
    "tourism-and-mobility": [
        "visa facilitation",
        "workation programmes",
        "inbound tourism",
        "sustainable tourism",
        "people-to-people exchange",
    ],
    "population-ageing": [
        "healthy ageing",
        "dementia care",
        "elderly care robotics",
        "rural depopulation",
        "long-term care workforce",
    ],
    "science-and-technology-capacity": [
        "research infrastructure",
        "globally visible research centres",
        "science and technology advice",
        "open science",
        "research integrity",
        "quantum technology",
        "semiconductor research",
    ],
}
GENERIC_TOPICS = ["science diplomacy", "international cooperation", "research collaboration", "capacity development"]

# Japanese titles, from the policy area and partner country names in Japanese.
TITLE_JA_PATTERNS = ["{topic}に関する{partner}との共同研究", "{partner}との{topic}協力", "{topic}国際ワークショップ"]

TITLE_PATTERNS = [
    "Japan–{country} partnership on {topic}",
    "{country}–Japan joint research on {topic}",
    "{topic_cap} capacity building in {country}",
    "{framework}: {topic}",
    "International network for {topic}",
    "{topic_cap} dialogue with {country}",
    "Joint centre for {topic}",
    "{topic_cap} exchange programme",
    "Regional forum on {topic} and {topic2}",
    "{topic_cap} and {topic2}: a science-policy platform",
]

SUMMARY_SENTENCES = [
    "Researchers from Japan and {country} work together on {topic}.",
    "The initiative links universities, ministries and companies around {topic}.",
    "It trains young scientists in {topic} and supports their stays abroad.",
    "Joint fieldwork in {country} feeds evidence into policy on {topic}.",
    "Delegations meet each year to review progress on {topic} and {topic2}.",
    "Funding supports pilot projects on {topic} in partner regions.",
]
DESCRIPTION_SENTENCES = [
    "Partners share data, instruments and field sites, and publish openly.",
    "Workshops alternate between Tokyo and {country}, with sessions in English and Japanese.",
    "Many Japanese participants prepare presentations in English with language support from the programme.",
    "The work informs the foreign ministry's science and technology adviser.",
    "Local governments and civil society organisations take part in the outreach.",
    "Results were presented at the G7 science ministers' meeting and at TICAD.",
    "The project follows the SATREPS model of research with development impact.",
    "An advisory board of senior researchers reviews the programme every two years.",
    "Entrepreneurs and dislocated workers mentor small businesses in both countries.",
    "The consortium is part of the Belmont Forum's collaborative research actions.",
]

FRAMEWORKS = [
    "G7 presidency",
    "G20 presidency",
    "Belmont Forum collaborative research action",
    "TICAD",
    "SATREPS",
    "JSPS Core-to-Core Program",
    "JSPS Bilateral Program",
    "JST e-ASIA Joint Research Program",
    "JST SICORP",
    "Sakura Science Exchange Program",
    "Quad Critical and Emerging Technology Working Group",
    "ASEAN–Japan Cybersecurity Capacity Building Centre",
    "Horizon Europe association talks",
    "Moonshot R&D Program",
    "World Premier International Research Center Initiative",
]
FRAMEWORK_YEARS = [2008, 2012, 2016, 2019, 2022, 2023, 2025]

ORGANIZATION_PATTERNS = {
    # kind: (sector, [name patterns]); {place} is a city or country name, {field} a discipline.
    "university": ("academia", ["University of {place}", "{place} University", "{place} Institute of Technology"]),
    "research_institute": ("academia", ["{place} Institute for {field}", "National Institute of {field}"]),
    "ministry": ("government", ["Ministry of {field}", "Ministry of Foreign Affairs"]),
    "agency": ("government", ["{place} Agency for {field}", "{place} Science and Technology Agency"]),
    "local_government": ("government", ["{place} Prefectural Government", "City of {place}"]),
    "company": ("private", ["{place} {field} Co., Ltd.", "{field} Solutions", "{place} Heavy Industries"]),
    "international_body": ("international", ["International Centre for {field}", "Asian Network for {field}"]),
    "ngo": ("civil_society", ["{place} Foundation for {field}", "Friends of {field}", "{place} Citizens' Network"]),
}
PLACES = [
    "Tokyo",
    "Kyoto",
    "Osaka",
    "Tohoku",
    "Hokkaido",
    "Kyushu",
    "Nagoya",
    "Hiroshima",
    "Okinawa",
    "Tsukuba",
    "Kobe",
    "Sendai",
    "Nairobi",
    "Bangkok",
    "Jakarta",
    "Hanoi",
    "Manila",
    "Delhi",
    "Oxford",
    "Berlin",
    "Paris",
    "California",
    "Oregon",
    "Washington",
    "Melbourne",
    "São Paulo",
    "Cape Town",
    "Accra",
    "Dhaka",
    "Seoul",
]
FIELDS = [
    "Earth Science",
    "Marine Science",
    "Energy Research",
    "Disaster Prevention",
    "Public Health",
    "Agriculture",
    "Materials Science",
    "Information Security",
    "Environmental Studies",
    "Economics",
    "Education",
    "Innovation",
]

RESEARCH_FIELDS = [
    "Seismology",
    "Volcanology",
    "Oceanography",
    "Climate science",
    "Hydrology",
    "Agronomy",
    "Plant genetics",
    "Epidemiology",
    "Virology",
    "Public policy",
    "International relations",
    "Computer security",
    "Artificial intelligence",
    "Robotics",
    "Materials engineering",
    "Chemical engineering",
    "Electrical engineering",
    "Nuclear engineering",
    "Economics",
    "Sociology",
    "Gerontology",
    "Ecology",
    "Forestry",
    "Fisheries science",
    "Urban planning",
    "Quantum physics",
    "Astronomy",
    "Mathematics",
    "Linguistics",
    "Education research",
]

# Romanised family names with kanji, most common first (the draw is skewed, like real names).
FAMILY_NAMES = [
    ("Sato", "佐藤"),
    ("Suzuki", "鈴木"),
    ("Takahashi", "高橋"),
    ("Tanaka", "田中"),
    ("Watanabe", "渡辺"),
    ("Ito", "伊藤"),
    ("Yamamoto", "山本"),
    ("Nakamura", "中村"),
    ("Kobayashi", "小林"),
    ("Kato", "加藤"),
    ("Yoshida", "吉田"),
    ("Yamada", "山田"),
    ("Sasaki", "佐々木"),
    ("Yamaguchi", "山口"),
    ("Matsumoto", "松本"),
    ("Inoue", "井上"),
    ("Kimura", "木村"),
    ("Hayashi", "林"),
    ("Shimizu", "清水"),
    ("Mori", "森"),
    ("Ikeda", "池田"),
    ("Hashimoto", "橋本"),
    ("Ishikawa", "石川"),
    ("Ogawa", "小川"),
    ("Fujita", "藤田"),
    ("Okada", "岡田"),
    ("Goto", "後藤"),
    ("Hasegawa", "長谷川"),
    ("Murakami", "村上"),
    ("Kondo", "近藤"),
]
GIVEN_NAMES = [
    ("Aiko", "愛子"),
    ("Haruto", "陽翔"),
    ("Yui", "結衣"),
    ("Sota", "蒼太"),
    ("Hina", "陽菜"),
    ("Ren", "蓮"),
    ("Sakura", "さくら"),
    ("Takumi", "匠"),
    ("Mei", "芽依"),
    ("Kenji", "健二"),
    ("Yuko", "裕子"),
    ("Hiroshi", "博"),
    ("Naoko", "直子"),
    ("Daisuke", "大輔"),
    ("Emi", "恵美"),
    ("Kazuki", "一輝"),
    ("Rina", "里奈"),
    ("Shota", "翔太"),
    ("Akiko", "明子"),
    ("Makoto", "誠"),
]
FOREIGN_NAMES = [
    ("Smith", "Emily"),
    ("Kim", "Min-jun"),
    ("Nguyen", "Linh"),
    ("Müller", "Anna"),
    ("Dubois", "Louis"),
    ("Odhiambo", "Achieng"),
    ("Sharma", "Priya"),
    ("Silva", "Ana"),
    ("Wang", "Wei"),
    ("Santos", "Maria"),
    ("Brown", "James"),
    ("Rahman", "Farhan"),
]

EXCHANGE_PROGRAMMES = [
    "JSPS Postdoctoral Fellowship for Research in Japan",
    "JSPS Overseas Research Fellowship",
    "Fulbright Scholar Program",
    "Marie Skłodowska-Curie Fellowship",
    "MEXT Scholarship",
    "Sakura Science Exchange Program",
    "JICA Knowledge Co-Creation Program",
    "Humboldt Research Fellowship",
]

PARTNERSHIP_SENTENCES = [
    "The two sides exchange students and municipal staff every year.",
    "Entrepreneurs from both regions meet in a mentoring network for small businesses.",
    "City workers come to rural towns through a workation programme.",
    "Both regions share experience in wildfire response and in caring for an ageing population.",
    "Agricultural cooperatives exchange know-how on rice and fruit growing.",
    "A friendship association organises cultural festivals and homestays.",
    "An economic memorandum of understanding supports trade missions and investment.",
    "Universities in both regions run joint summer schools on disaster risk reduction.",
]
ACTIVITY_TITLES = [
    "Governor's delegation visit",
    "Youth exchange programme",
    "Trade mission on food exports",
    "Workshop on disaster preparedness",
    "Sister-city anniversary festival",
    "Mentoring session for small businesses",
    "Memorandum on renewable energy signed",
    "Student homestay exchange",
    "Forum on healthy ageing",
    "Workation pilot for city workers",
]
SOURCE_SITES = ["https://www.mofa.go.jp", "https://www.jsps.go.jp", "https://www.jst.go.jp", "https://www.jica.go.jp"]
