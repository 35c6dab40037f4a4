"""The register in English and Japanese: URLs, the catalogue, localized content, search, API and formats."""

import datetime
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from bilingual.content import format_yen
from directory.models import Locality
from tests.factories import (
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    UserFactory,
    country,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = PROJECT_ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"
# Where marked strings live: what `makemessages` reads (tests, scripts and the virtualenv hold none).
# Every package of the project but the tests: where makemessages finds the strings in use.
SOURCE_DIRS = sorted(p.name for p in PROJECT_ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests")


pytestmark = pytest.mark.usefixtures("japanese_catalogue")  # tests/conftest.py: the .mo, compiled if stale


@pytest.fixture
def records(db):
    area = PolicyAreaFactory(slug="climate-change", name="Climate change", name_ja="気候変動")
    energy = PolicyAreaFactory(slug="energy-transition", name="Energy transition", name_ja="エネルギー転換")
    framework = FrameworkFactory(slug="g7", name="G7 presidency", name_ja="G7議長国")
    us = country("US")
    us.name, us.name_ja = "United States", "米国"
    us.save()
    initiative = InitiativeFactory(
        slug="g7-ise-shima",
        title="G7 Ise-Shima energy and food security",
        title_ja="G7伊勢志摩サミット",
        summary="Energy, minerals and food security.",
        summary_ja="エネルギー、鉱物資源、食料安全保障。",
        start_date=datetime.date(2016, 5, 26),
        funding_jpy=3_700_000_000,
        lead_organization=OrganizationFactory(slug="mofa", name="Ministry of Foreign Affairs", name_ja="外務省"),
    )
    initiative.policy_areas.set([area, energy])
    initiative.countries.set([us])
    initiative.frameworks.set([framework])
    untranslated = InitiativeFactory(slug="belmont", title="Belmont Forum membership", summary="Only English here.")
    untranslated.policy_areas.set([area])
    researcher = ResearcherFactory(slug="ishii", given_name="Kaori", family_name="Ishii", name_ja="石井 香織")
    tokyo = Locality.objects.get(iso_code="JP-13")  # the prefectures come with the migrations
    partnership = PartnershipFactory(
        slug="tokyo-new-york",
        japanese_locality=tokyo,
        foreign_locality=LocalityFactory(name="New York", name_ja="ニューヨーク", country=us),
        description="Sister cities since 1960.",
        description_ja="1960年からの姉妹都市。",
    )
    return {"initiative": initiative, "researcher": researcher, "partnership": partnership}


def public_paths(records):
    return [
        "/",
        "/initiatives/",
        "/researchers/",
        "/partnerships/",
        records["initiative"].get_absolute_url(),
        records["researcher"].get_absolute_url(),
        records["partnership"].get_absolute_url(),
        records["initiative"].lead_organization.get_absolute_url(),
        "/countries/us/",
        "/search/?q=G7",
        "/accounts/login/",
    ]


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


# URLs ------------------------------------------------------------------------------------------------------


def test_every_public_page_answers_in_english_unprefixed_and_in_japanese_under_ja(client, records):
    for path in public_paths(records):
        english = client.get(path)
        assert english.status_code == 200, path
        assert html_lang(english) == "en", path
        japanese = client.get(f"/ja{path}")
        assert japanese.status_code == 200, f"/ja{path}"
        assert html_lang(japanese) == "ja", f"/ja{path}"


def test_reports_answer_in_both_languages_for_an_analyst(client, records):
    client.force_login(UserFactory(groups=["Analysts"]))
    assert html_lang(client.get("/reports/")) == "en"
    japanese = client.get("/ja/reports/")
    assert japanese.status_code == 200
    assert html_lang(japanese) == "ja"
    assert "レポート" in japanese.content.decode()


def test_machine_urls_stay_where_design_md_puts_them(client, records):
    for path in ["/api/initiatives/", "/healthz", "/sitemap.xml", "/robots.txt"]:
        assert client.get(path).status_code == 200, path
    assert client.get("/ja/api/initiatives/").status_code == 404
    assert client.get("/admin/").status_code == 302  # to the admin's sign-in


def test_an_english_page_is_english_whatever_the_browser_asks_for(client, records):
    response = client.get("/initiatives/", headers={"accept-language": "ja"})
    assert html_lang(response) == "en"
    assert "Policy area" in response.content.decode()


def test_hreflang_alternates_link_both_languages_and_english_as_default(client, records):
    html = client.get("/ja/initiatives/?area=climate-change").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/initiatives/?area=climate-change">' in html
    assert '<link rel="alternate" hreflang="ja" href="http://testserver/ja/initiatives/?area=climate-change">' in html
    assert 'hreflang="x-default" href="http://testserver/initiatives/?area=climate-change"' in html


def test_language_switcher_keeps_the_path_and_the_query_string(client, records):
    english = client.get("/initiatives/?area=climate-change&status=active").content.decode()
    assert 'href="/ja/initiatives/?area=climate-change&amp;status=active" hreflang="ja"' in english
    detail = client.get("/ja/initiatives/g7-ise-shima/").content.decode()
    assert 'href="/initiatives/g7-ise-shima/" hreflang="en"' in detail


# The catalogue ---------------------------------------------------------------------------------------------


def read_catalogue(path):
    """``[(msgid, [msgstr, ...], flags)]`` of a .po file (the header entry left out)."""
    entries = []
    for block in Path(path).read_text(encoding="utf-8").strip().split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if match:
                current = match.group(1)
                fields[current] = ""
                line = match.group(2)
            fields[current] += line[1:-1]
        if fields.get("msgid"):
            # gettext's own key for an entry with a context: the context, EOT, the msgid.
            key = f"{fields['msgctxt']}\x04{fields['msgid']}" if "msgctxt" in fields else fields["msgid"]
            entries.append((key, [v for k, v in fields.items() if k.startswith("msgstr")], flags))
    return entries


def test_every_entry_of_the_japanese_catalogue_is_translated_and_none_is_fuzzy():
    entries = read_catalogue(CATALOGUE)
    assert len(entries) > 250
    assert [msgid for msgid, _strs, flags in entries if "fuzzy" in flags] == []
    assert [msgid for msgid, strs, _flags in entries if not strs or not all(strs)] == []
    header = CATALOGUE.read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid ""' not in header
    assert '"Language: ja\\n"' in header


def test_makemessages_would_add_nothing_to_the_catalogue(tmp_path, monkeypatch):
    """Every marked string of the code and templates is in the committed catalogue (and nothing stale is)."""
    # Not the git-ignored data a benchmark keeps (bench/pgdata: a running server's socket cannot be copied).
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "pgdata", "logs")
    for name in [*SOURCE_DIRS, "templates"]:
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name, ignore=ignore)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        (tmp_path / "locale").mkdir()
        call_command("makemessages", locale=["ja"], no_location=True, verbosity=0)
    fresh = {msgid for msgid, _strs, _flags in read_catalogue(tmp_path / "locale/ja/LC_MESSAGES/django.po")}
    committed = {msgid for msgid, _strs, _flags in read_catalogue(CATALOGUE)}
    assert fresh - committed == set(), "run makemessages (see the catalogue's header) and translate"
    assert committed - fresh == set(), "stale entries: run makemessages with --no-obsolete"


# Content in both languages ---------------------------------------------------------------------------------


def test_japanese_pages_show_japanese_values_and_mark_english_fallbacks(client, records):
    html = client.get("/ja/initiatives/").content.decode()
    assert "G7伊勢志摩サミット" in html
    assert "エネルギー、鉱物資源、食料安全保障。" in html
    assert '<span lang="en">Belmont Forum membership</span> <span class="lang-fallback"' in html
    assert 'lang="en">Only English here.' in html
    english = client.get("/initiatives/").content.decode()
    assert "lang-fallback" not in english
    assert "Energy, minerals and food security." in english


def test_japanese_detail_pages_use_japanese_names(client, records):
    initiative = client.get("/ja/initiatives/g7-ise-shima/").content.decode()
    assert "<h1>G7伊勢志摩サミット</h1>" in initiative
    assert "外務省" in initiative and "米国" in initiative and "G7議長国" in initiative
    partnership = client.get("/ja/partnerships/tokyo-new-york/").content.decode()
    assert "東京都" in partnership and "ニューヨーク" in partnership and "1960年からの姉妹都市。" in partnership
    researcher = client.get("/ja/researchers/ishii/").content.decode()
    assert "石井 香織" in researcher


def breadcrumb(client, path):
    html = client.get(path).content.decode()
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", trail, re.S)]


def test_breadcrumbs_are_in_the_pages_language_on_every_page_that_has_them(client, records):
    organization = f"/organizations/{records['initiative'].lead_organization.slug}/"  # not the active language's
    for path, english, japanese in [
        (
            "/initiatives/g7-ise-shima/",
            ["Home", "Initiatives", "G7 Ise-Shima energy and food security"],
            ["ホーム", "イニシアティブ", "G7伊勢志摩サミット"],
        ),
        ("/researchers/ishii/", ["Home", "Researchers", "Kaori Ishii"], ["ホーム", "研究者", "石井 香織"]),
        (
            "/partnerships/tokyo-new-york/",
            ["Home", "Partnerships", "Tokyo – New York"],
            ["ホーム", "自治体間提携", "東京都 – ニューヨーク"],
        ),
        (organization, ["Home", "Ministry of Foreign Affairs"], ["ホーム", "外務省"]),
        ("/countries/us/", ["Home", "United States"], ["ホーム", "米国"]),
    ]:
        assert breadcrumb(client, path) == english, path
        assert breadcrumb(client, f"/ja{path}") == japanese, path


def test_facet_labels_sorts_and_chips_are_japanese_on_japanese_pages(client, records):
    html = client.get("/ja/initiatives/?area=climate-change&status=active").content.decode()
    assert "<legend>政策分野</legend>" in html
    assert "気候変動" in html and "エネルギー転換" in html
    assert "実施中" in html  # the status facet's value label
    assert "新しい順" in html  # the sort menu
    assert '<span class="chip__kind">政策分野:</span> 気候変動' in html
    english = client.get("/initiatives/?area=climate-change").content.decode()
    assert "<legend>Policy area</legend>" in english
    assert '<span class="chip__kind">Policy area:</span> Climate change' in english


# Search in both languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["伊勢志摩", "鉱物資源"])
def test_a_japanese_query_finds_the_record_by_its_japanese_fields(client, records, query):
    response = client.get("/ja/initiatives/", {"q": query})
    assert [obj.slug for obj in response.context["page"].object_list] == ["g7-ise-shima"]


def test_a_japanese_query_finds_researchers_and_partnerships(client, records):
    assert client.get("/api/researchers/", {"q": "香織"}).json()["count"] == 1
    assert client.get("/api/partnerships/", {"q": "姉妹都市"}).json()["count"] == 1


def test_api_lang_ja_gives_japanese_labels_and_titles(client, records):
    japanese = client.get("/api/initiatives/", {"lang": "ja", "q": "G7"}).json()
    assert {v["label"] for v in japanese["facets"]["area"]} == {"気候変動", "エネルギー転換"}
    assert japanese["facets"]["status"][0]["label"] == "実施中"
    assert japanese["results"][0]["display_title"] == "G7伊勢志摩サミット"
    assert japanese["results"][0]["summary_ja"] == "エネルギー、鉱物資源、食料安全保障。"
    assert japanese["results"][0]["url"] == "http://testserver/ja/initiatives/g7-ise-shima/"
    english = client.get("/api/initiatives/", {"q": "G7"}).json()
    assert {v["label"] for v in english["facets"]["area"]} == {"Climate change", "Energy transition"}
    assert english["results"][0]["display_title"] == "G7 Ise-Shima energy and food security"


# Dates, numbers and money ----------------------------------------------------------------------------------


def test_dates_and_funding_are_formatted_for_the_language(client, records):
    english = client.get("/initiatives/g7-ise-shima/").content.decode()
    assert "26 May 2016" in english and "¥3,700,000,000" in english
    japanese = client.get("/ja/initiatives/g7-ise-shima/").content.decode()
    assert "2016年5月26日" in japanese and "37億円" in japanese


@pytest.mark.parametrize(
    ("amount", "english", "japanese"),
    [
        (3_700_000_000_000, "¥3,700,000,000,000", "3.7兆円"),
        (3_700_000_000, "¥3,700,000,000", "37億円"),
        (1_234_567_890, "¥1,234,567,890", "12.3億円"),
        (50_000, "¥50,000", "5万円"),
        (9_999, "¥9,999", "9,999円"),
        (0, "¥0", "0円"),
        (None, "", ""),
    ],
)
def test_yen_amounts_read_naturally_in_each_language(amount, english, japanese):
    assert format_yen(amount, "en") == english
    assert format_yen(amount, "ja") == japanese


def test_settings_declare_both_languages():
    assert settings.LANGUAGE_CODE == "en"
    assert [code for code, _name in settings.LANGUAGES] == ["en", "ja"]
    with translation.override("ja"):
        assert translation.gettext("Initiatives") == "イニシアティブ"
