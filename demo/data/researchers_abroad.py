"""Researchers based outside Japan, and one based in Japan who came from abroad (fictional people)."""

from datetime import date

from .builders import DRAFT, abroad, person

# fmt: off
RESEARCHERS = [
    abroad("mwangi-grace", "グレース・ムワンギ", "u-nairobi", "mid", "C1", ["agriculture-food"], date(2024, 8, 26),
           "Crop scientist; co-leads drought-resilience research with Kyoto University."),
    abroad("otieno-david", "デビッド・オティエノ", "u-nairobi", "early", "C1", ["public-health"], date(2024, 5, 13),
           "Epidemiologist; JSPS postdoctoral fellow in Osaka, 2019–2021."),
    person("nguyen-thi-lan", "グエン・ティ・ラン", "kyoto-u", "early", "C1", ["agriculture-food", "climate-science"],
           date(2024, 10, 21), "Came to Kyoto on a JSPS fellowship from Viet Nam; Mekong Delta salinity and rice.",
           names=("Nguyen", "Thi Lan"), country="JP"),
    abroad("santos-maria", "マリア・サントス", "phivolcs", "mid", "C1", ["disaster-science"], date(2023, 11, 20),
           "Volcanologist; SATREPS counterpart for earthquake and volcano monitoring."),
    abroad("wijaya-budi", "ブディ・ウィジャヤ", "ipb-university", "mid", "B2", ["forest-fire-science"],
           date(2024, 3, 4),
           "Fire ecologist; peatland fire prevention with Hokkaido University."),
    abroad("srisuk-pimchanok", "ピムチャノック・シースック", "chulalongkorn-u", "early", "B2", ["information-security"],
           date(2024, 9, 9), "Incident response trainer at ASEAN-Japan cyber exercises."),
    abroad("miller-sarah", "サラ・ミラー", "u-washington", "senior", "native", ["forest-fire-science"],
           date(2023, 12, 4),
           "Wildfire scientist; exchanges with Japanese forestry researchers on fire and ageing rural communities."),
    abroad("johnson-michael", "マイケル・ジョンソン", "portland-state-u", "mid", "native", ["economics"],
           date(2024, 2, 5),
           "Studies entrepreneurship networks in which dislocated workers mentor small businesses."),
    abroad("brown-emily", "エミリー・ブラウン", "nsf", "mid", "native", ["international-relations"], date(2024, 6, 24),
           "Programme director for international science partnerships with Japan."),
    abroad("chen-wei", "ウェイ・チェン", "montana-state-u", "early", "C2", ["agriculture-food"], date(2024, 11, 4),
           "Dryland agriculture; Kumamoto–Montana student exchange alumnus."),
    abroad("smith-oliver", "オリバー・スミス", "u-edinburgh", "mid", "native", ["climate-science"], date(2023, 10, 16),
           "Climate dynamics; hosted Japanese JSPS fellows."),
    abroad("dubois-claire", "クレール・デュボワ", "cnrs", "senior", "C1", ["materials-science"], date(2023, 6, 30),
           "Directs a CNRS–Tohoku international research laboratory."),
    abroad("muller-jonas", "ヨナス・ミュラー", "tu-munich", "early", "C1", ["artificial-intelligence"],
           date(2025, 1, 13),
           "Robotics; JSPS–DFG externship in Osaka.", names=("Müller", "Jonas")),
    abroad("wilson-amelia", "アメリア・ウィルソン", "csiro", "mid", "native", ["disaster-science", "climate-science"],
           date(2024, 4, 15), "Bushfire and flood risk; joint work with Tohoku University."),
    abroad("sharma-priya", "プリヤ・シャルマ", "iit-bombay", "mid", "C2", ["energy-systems"], date(2024, 7, 8),
           "Solar and grid integration; Quad and e-ASIA collaborations."),
    abroad("silva-rafael", "ハファエル・シウバ", "u-sao-paulo", "mid", "B2", ["climate-science", "forest-fire-science"],
           date(2024, 1, 22), "Amazon forest carbon; SATREPS Brazil counterpart."),
    abroad("nkosi-thabo", "タボ・ンコシ", "u-cape-town", "mid", "C2", ["infectious-diseases"], date(2023, 4, 24),
           "Malaria early warning with JAMSTEC climate forecasts."),
    abroad("gonzalez-camila", "カミラ・ゴンサレス", "u-chile", "early", "B2", ["disaster-science"], date(2025, 8, 18),
           "Tsunami engineering; profile awaiting review.", names=("González", "Camila"), **DRAFT),
]
# fmt: on
