"""Reference data: countries, first-level subdivisions and policy areas.

``countries()``, ``localities()`` and ``policy_areas()`` are pure: they read
pycountry (ISO 3166-1 and 3166-2 with its Japanese catalogues) plus the
corrections below and return plain dicts. ``load(apps)`` writes them, creating
what is missing and updating what differs, so running it twice changes nothing.

The ``load_reference_data`` command calls ``load``; migration
``directory/0002_reference_data`` loads what these functions returned when it
was written, frozen in ``0002_reference_data.json``. Names may be corrected
here at any time: the command brings a database up to date, and a new data
migration does the same for new databases
(``tests/test_reference_data.py::test_loading_again_changes_nothing`` fails
until one does).
"""

import gettext
import re
import unicodedata

import pycountry

# UN M49 continental regions (https://unstats.un.org/unsd/methodology/m49/).
# Taiwan is not listed by M49 and Kosovo (XK) is not in ISO 3166-1; both go
# where their neighbours are. Cyprus and the Caucasus are Western Asia in M49.
REGION_CODES = {
    "africa": """
        DZ EG LY MA SD TN EH
        IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW
        AO CM CF TD CG CD GQ GA ST
        BW SZ LS NA ZA
        BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG
    """,
    "americas": """
        AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI
        BZ CR SV GT HN MX NI PA
        AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE
        BM CA GL PM US
    """,
    "asia": """
        KZ KG TJ TM UZ
        CN HK MO KP JP MN KR TW
        BN KH ID LA MY MM PH SG TH TL VN
        AF BD BT IN IR MV NP PK LK
        AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE
    """,
    "europe": """
        BY BG CZ HU PL MD RO RU SK UA
        AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB
        AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK
        AT BE FR DE LI LU MC NL CH
    """,
    "oceania": """
        AU NZ NF HM CX CC
        FJ NC PG SB VU
        GU KI MH FM NR MP PW UM
        AS CK PF NU PN WS TK TO TV WF
    """,
    "antarctica": "AQ",
}
REGION_OF = {code: region for region, codes in REGION_CODES.items() for code in codes.split()}

# Readable names where pycountry's are formal ("Russian Federation") or
# inverted ("Congo, The Democratic Republic of the"). "CODE English|日本語";
# an empty side keeps pycountry's.
COUNTRY_NAMES = """
    AU |オーストラリア
    BN Brunei|ブルネイ
    CD Democratic Republic of the Congo|
    CG Republic of the Congo|コンゴ共和国
    ER |エリトリア
    FK Falkland Islands|フォークランド諸島
    FM Micronesia|
    GE |ジョージア
    KG |キルギス
    PS Palestine|
    RU Russia|ロシア
    VA Vatican City|バチカン
    VG British Virgin Islands|
    VI U.S. Virgin Islands|
"""

# Other names people search a country by, beside pycountry's formal and common ones: the short forms in
# everyday English and Japanese use (the Japanese ones are MOFA's country names and the usual short forms), and
# "日" with the country's one-kanji abbreviation, how Japanese names the bilateral relation (日米: Japan–US).
# "CODE English; English|日本語; 日本語".
COUNTRY_ALT_NAMES = """
    AE UAE|
    AU |豪州; 日豪
    CA |日加
    CN PRC|中華人民共和国; 日中
    DE |独国; 日独
    FR |仏国; 日仏
    GB UK; Britain; Great Britain|イギリス; 英国; 日英
    IN |日印
    IT |日伊
    KP North Korea|北朝鮮
    KR Korea; Republic of Korea|大韓民国; 日韓
    NL Holland|
    RU |日露
    US USA; US; America; United States of America|アメリカ; アメリカ合衆国; 米国; 日米
    VN Viet Nam|ベトナム
"""

# English names for subdivisions that pycountry gives in a local form
# ("Beijing Shi", "Bayern"), and Japanese names its catalogue lacks or gets wrong.
SUBDIVISION_NAMES = """
    CN-AH Anhui|安徽省
    CN-BJ Beijing|北京市
    CN-CQ Chongqing|重慶市
    CN-FJ Fujian|福建省
    CN-GD Guangdong|広東省
    CN-GS Gansu|甘粛省
    CN-GX Guangxi|広西チワン族自治区
    CN-GZ Guizhou|貴州省
    CN-HA Henan|河南省
    CN-HB Hubei|湖北省
    CN-HE Hebei|河北省
    CN-HI Hainan|海南省
    CN-HK Hong Kong|香港
    CN-HL Heilongjiang|黒竜江省
    CN-HN Hunan|湖南省
    CN-JL Jilin|吉林省
    CN-JS Jiangsu|江蘇省
    CN-JX Jiangxi|江西省
    CN-LN Liaoning|遼寧省
    CN-MO Macao|マカオ
    CN-NM Inner Mongolia|内モンゴル自治区
    CN-NX Ningxia|寧夏回族自治区
    CN-QH Qinghai|青海省
    CN-SC Sichuan|四川省
    CN-SD Shandong|山東省
    CN-SH Shanghai|上海市
    CN-SN Shaanxi|陝西省
    CN-SX Shanxi|山西省
    CN-TJ Tianjin|天津市
    CN-TW Taiwan|台湾
    CN-XJ Xinjiang|新疆ウイグル自治区
    CN-XZ Tibet|チベット自治区
    CN-YN Yunnan|雲南省
    CN-ZJ Zhejiang|浙江省
    KR-11 Seoul|ソウル特別市
    KR-26 Busan|釜山広域市
    KR-27 Daegu|大邱広域市
    KR-28 Incheon|仁川広域市
    KR-29 Gwangju|光州広域市
    KR-30 Daejeon|大田広域市
    KR-31 Ulsan|蔚山広域市
    KR-41 Gyeonggi|京畿道
    KR-42 Gangwon|江原特別自治道
    KR-43 North Chungcheong|忠清北道
    KR-44 South Chungcheong|忠清南道
    KR-45 North Jeolla|全北特別自治道
    KR-46 South Jeolla|全羅南道
    KR-47 North Gyeongsang|慶尚北道
    KR-48 South Gyeongsang|慶尚南道
    KR-49 Jeju|済州特別自治道
    KR-50 Sejong|世宗特別自治市
    GB-ENG |イングランド
    GB-NIR |北アイルランド
    GB-SCT |スコットランド
    GB-WLS |ウェールズ
    DE-BY Bavaria|
    DE-HE Hesse|
    DE-MV Mecklenburg-Western Pomerania|
    DE-NI Lower Saxony|
    DE-NW North Rhine-Westphalia|
    DE-RP Rhineland-Palatinate|ラインラント=プファルツ
    DE-SN Saxony|
    DE-ST Saxony-Anhalt|
    DE-TH Thuringia|
    FR-20R Corsica|
    FR-973 French Guiana|フランス領ギアナ
    FR-974 Réunion|レユニオン
    FR-BFC Bourgogne-Franche-Comté|
    FR-BRE Brittany|
    FR-NC New Caledonia|ニューカレドニア
    FR-NOR Normandy|ノルマンディー
    FR-PF French Polynesia|フランス領ポリネシア
    FR-TF French Southern and Antarctic Lands|
    IT-21 Piedmont|
    IT-23 Aosta Valley|
    IT-25 Lombardy|
    IT-32 Trentino-South Tyrol|
    IT-52 Tuscany|
    IT-75 Apulia|
    IT-82 Sicily|
    IT-88 Sardinia|
    ES-AN Andalusia|
    ES-AR Aragon|
    ES-AS Asturias|
    ES-CL Castile and León|
    ES-CM Castilla-La Mancha|
    ES-CN Canary Islands|カナリア諸島
    ES-CT Catalonia|カタルーニャ
    ES-IB Balearic Islands|バレアレス諸島
    ES-MC Murcia|
    ES-MD Community of Madrid|
    ES-NC Navarre|ナバラ
    ES-PV Basque Country|バスク
    ES-VC Valencian Community|バレンシア
    MX-CMX Mexico City|メキシコシティ
    MX-COA Coahuila|コアウイラ
    MX-MEX State of Mexico|メキシコ州
    MX-MIC Michoacán|ミチョアカン
    MX-VER Veracruz|ベラクルス
    BR-DF Federal District|連邦直轄区
    TH-10 Bangkok|バンコク
    TH-14 Phra Nakhon Si Ayutthaya|アユタヤ
    TH-51 Lamphun|ランプーン
    TH-S Pattaya|パタヤ
    VN-CT Can Tho|カントー
    VN-DN Da Nang|ダナン
    VN-HN Hanoi|ハノイ
    VN-HP Haiphong|ハイフォン
    VN-SG Ho Chi Minh City|ホーチミン
    ZA-KZN KwaZulu-Natal|
    ZA-NW North West|北西州
"""

# Written out rather than built from pycountry's catalogue, which gives only
# the stem (東京, 大阪) and whose spelling may change between releases.
JP_PREFECTURES_JA = """
    北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県
    新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県
    奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県
    熊本県 大分県 宮崎県 鹿児島県 沖縄県
"""

# Main partner countries whose first-level subdivisions are loaded.
PARTNER_COUNTRIES = "US CN KR GB FR DE AU CA IN BR ID TH VN PH KE IT ES MX NZ ZA"

# Countries whose ISO romanisation carries marks that English does not use
# (Tôkyô, Mahārāshtra), so users can type the names.
PLAIN_ASCII_COUNTRIES = {"JP", "IN"}

POLICY_AREAS = """
    climate-change Climate change|気候変動
    disaster-risk-reduction Disaster risk reduction|防災
    energy-transition Energy transition|エネルギー転換
    environment Environment|環境
    resource-management Resource management|資源管理
    food-security Food security|食料安全保障
    security Security|安全保障
    cybersecurity Cybersecurity|サイバーセキュリティ
    education Education|教育
    public-health Public health|公衆衛生
    peacebuilding Peacebuilding|平和構築
    economic-development Economic development|経済開発
    internet-governance Internet governance|インターネット・ガバナンス
    tourism-and-mobility Tourism and mobility|観光・移動
    population-ageing Population ageing|人口高齢化
    science-and-technology-capacity Science and technology capacity|科学技術能力
"""

PREFECTURE = "prefecture"  # LocalityLevel.PREFECTURE: load() takes a migration's models too


def _table(text):
    """Parse lines of "KEY English|日本語" into {key: (english, japanese)}."""
    rows = {}
    for line in text.strip().splitlines():
        key, _, names = line.strip().partition(" ")
        english, _, japanese = names.partition("|")
        rows[key] = (english.strip(), japanese.strip())
    return rows


def _catalogue(domain):
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ja"], fallback=True)


def _translate(catalogue, english):
    """The Japanese translation of ``english``, or "" when the catalogue has none."""
    japanese = catalogue.gettext(english)
    return "" if japanese == english else japanese


def plain_ascii(text):
    """``text`` without accents: "Tôkyô" -> "Tokyo"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def countries():
    """{iso2: {"name", "name_ja", "region", "alt_names"}} for every ISO 3166-1 country pycountry knows."""
    catalogue = _catalogue("iso3166-1")
    corrections = _table(COUNTRY_NAMES)
    alternatives = _table(COUNTRY_ALT_NAMES)
    rows = {}
    for entry in pycountry.countries:
        if entry.alpha_2 not in REGION_OF:
            raise ValueError(f"No UN M49 region for country {entry.alpha_2} ({entry.name}): add it to REGION_CODES.")
        common = getattr(entry, "common_name", None)
        english, japanese = corrections.get(entry.alpha_2, ("", ""))
        rows[entry.alpha_2] = {
            "name": english or common or entry.name,
            "name_ja": japanese or (common and _translate(catalogue, common)) or _translate(catalogue, entry.name),
            "region": REGION_OF[entry.alpha_2],
        }
        rows[entry.alpha_2]["alt_names"] = _alt_names(entry, rows[entry.alpha_2], alternatives)
    return rows


def _alt_names(entry, row, alternatives):
    """The other names of a country, "; "-separated: pycountry's (formal ones read in order: "Korea, Republic
    of" -> "Republic of Korea") and the short forms of ``COUNTRY_ALT_NAMES``, without the country's own names."""
    english, japanese = alternatives.get(entry.alpha_2, ("", ""))
    names = [entry.name, getattr(entry, "official_name", ""), getattr(entry, "common_name", "")]
    names = [_in_order(name) for name in names if name] + english.split(";") + japanese.split(";")
    own = {row["name"], row["name_ja"]}
    return "; ".join(dict.fromkeys(name.strip() for name in names if name.strip() and name.strip() not in own))


def _in_order(name):
    head, _, tail = name.partition(", ")
    return f"{tail} {head}" if tail.endswith((" of", " of the")) else name


def _subdivision_names(entry, catalogue, corrections):
    english, japanese = corrections.get(entry.code, ("", ""))
    if not english:
        english = re.sub(r"\s*\[.*?\]", "", entry.name)  # "Wales [Cymru GB-CYM]": drop the alternative
        if entry.country_code in PLAIN_ASCII_COUNTRIES:
            english = plain_ascii(english)
    return english, japanese or _translate(catalogue, entry.name)


def localities():
    """{iso_code: {"country", "name", "name_ja"}}: Japan's 47 prefectures and the partners' first-level subdivisions.

    "country" is the ISO alpha-2 code. Names are unique within a country
    (a clash would get the ISO code appended).
    """
    catalogue = _catalogue("iso3166-2")
    corrections = _table(SUBDIVISION_NAMES)
    rows = {}
    for country_code in ["JP", *PARTNER_COUNTRIES.split()]:
        entries = sorted(
            (entry for entry in pycountry.subdivisions.get(country_code=country_code) if entry.parent_code is None),
            key=lambda entry: entry.code,
        )
        seen = set()
        for entry in entries:
            english, japanese = _subdivision_names(entry, catalogue, corrections)
            if english in seen:
                english = f"{english} ({entry.code})"
            seen.add(english)
            rows[entry.code] = {"country": country_code, "name": english, "name_ja": japanese}
    prefectures = sorted(code for code in rows if code.startswith("JP-"))
    for code, name_ja in zip(prefectures, JP_PREFECTURES_JA.split(), strict=True):
        rows[code]["name_ja"] = name_ja
    return rows


def policy_areas():
    """{slug: {"name", "name_ja"}} for the policy areas named in the design."""
    return {slug: {"name": name, "name_ja": name_ja} for slug, (name, name_ja) in _table(POLICY_AREAS).items()}


def _sync(model, key, rows, adopt=None):
    """Create the rows of ``rows`` ({key value: fields}) missing from ``model`` and update those that differ.

    ``adopt`` maps key values to existing objects that lack the key (a locality
    typed in by hand), which are then completed instead of duplicated.
    Returns (created, updated). Queries: one read, plus one insert and one
    update when needed (in batches).
    """
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": list(rows)})}
    existing = {**(adopt or {}), **existing}
    new, changed = [], []
    for value, fields in rows.items():
        obj = existing.get(value)
        if obj is None:
            new.append(model(**{key: value}, **fields))
        elif getattr(obj, key) != value or any(getattr(obj, name) != wanted for name, wanted in fields.items()):
            setattr(obj, key, value)
            for name, wanted in fields.items():
                setattr(obj, name, wanted)
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, [key, *next(iter(rows.values()))], batch_size=500)
    return len(new), len(changed)


def load(apps):
    """Create or update all reference data; ``apps`` is a migration's app registry or ``django.apps.apps``.

    Idempotent. Returns {"countries": (created, updated), "localities": ..., "policy areas": ...}.
    Queries: about ten, whatever the size of the data.
    """
    country_model = apps.get_model("directory", "Country")
    locality_model = apps.get_model("directory", "Locality")
    policy_area_model = apps.get_model("directory", "PolicyArea")

    summary = {"countries": _sync(country_model, "iso2", countries())}

    wanted = localities()
    country_ids = dict(
        country_model.objects.filter(iso2__in={row["country"] for row in wanted.values()}).values_list("iso2", "id")
    )
    rows = {
        code: {
            "country_id": country_ids[row["country"]],
            "level": PREFECTURE,
            "parent_id": None,
            "name": row["name"],
            "name_ja": row["name_ja"],
        }
        for code, row in wanted.items()
    }
    by_name = {(row["country_id"], row["name"]): code for code, row in rows.items()}
    hand_made = locality_model.objects.filter(
        iso_code="", parent=None, level=PREFECTURE, country_id__in=country_ids.values()
    )
    adopt = {by_name[obj.country_id, obj.name]: obj for obj in hand_made if (obj.country_id, obj.name) in by_name}
    summary["localities"] = _sync(locality_model, "iso_code", rows, adopt=adopt)

    summary["policy areas"] = _sync(policy_area_model, "slug", policy_areas())
    return summary
