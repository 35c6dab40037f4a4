"""The API's documentation page in English (/api/) and Japanese (/ja/api/); the JSON it documents in one language.

The page is a page of the site: its words, the tables' headers and the descriptions it takes from the OpenAPI
document are in the page's language. The document served at /api/v1/openapi.json stays English (Japanese with
``?lang=ja``, as every answer), and its names (schemas, parameters) are English whatever the language.
"""

import json
import re

import pytest
from django.utils import translation

from api import openapi

pytestmark = pytest.mark.usefixtures("japanese_catalogue")  # tests/conftest.py: the .mo, compiled if stale

ENGLISH_LEAD = "Every search page of techdiplo has a JSON twin"
# Hiragana, katakana and the CJK ideographs: any of them in a text means Japanese got into it.
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


def main_of(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def descriptions(document):
    """Every ``summary`` and ``description`` of the document, with where it is."""
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("summary", "description") and isinstance(value, str):
                    found.append((f"{where}/{key}", value))
                else:
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}/{index}")

    walk(document, "")
    return found


@pytest.fixture
def japanese_page(client, db):
    response = client.get("/ja/api/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_japanese_page_is_in_japanese(japanese_page):
    assert html_lang(japanese_page) == "ja"
    for heading in (
        "<h2>エンドポイント</h2>",
        "<h2>パラメータ</h2>",
        '<h2 id="v1">バージョン1：<code>/api/v1/</code></h2>',
        '<h2 id="fair-use">適正利用</h2>',
        '<h2 id="reference">リファレンス（バージョン1）</h2>',
        "<h3>スキーマ</h3>",
    ):
        assert heading in japanese_page
    assert ENGLISH_LEAD not in japanese_page
    assert "techdiplo の検索ページにはそれぞれ JSON 版があり" in japanese_page


def test_the_japanese_page_translates_its_tables_and_keeps_code_as_it_is(japanese_page):
    # The parameter tables: headers, the stacked layout's labels on a phone, each facet's values.
    assert '<th scope="col">パラメータ</th><th scope="col">意味</th><th scope="col">値</th>' in japanese_page
    assert '<td data-label="パラメータ"><code>area</code></td>' in japanese_page
    assert 'data-label="parameter"' not in japanese_page
    assert "政策分野のページの URL にあるスラッグ" in japanese_page
    assert "the slug of a" not in japanese_page
    # The reference: column names, the summaries and descriptions taken from the OpenAPI document, the types.
    assert '<th scope="col">場所</th><th scope="col">型</th>' in japanese_page
    assert "イニシアティブを検索。" in japanese_page
    assert "研究者の記録1件とそのリンク。" in japanese_page
    assert "ページ番号（最後のページより後は 404 を返します）。" in japanese_page
    assert "page_size または updated_since を解釈できません。" in japanese_page
    assert "配列（要素は Initiative）" in japanese_page
    for english in ("Page number", "Search initiatives", "facet: repeat for OR", "array of", "a year, inclusive"):
        assert english not in japanese_page, english
    # Code, URLs and names stay as they are; the JSON endpoints are those of /api/, never /ja/api/.
    assert 'id="schema-InitiativePage"' in japanese_page and "GET /api/v1/initiatives/" in japanese_page
    assert '<a href="http://testserver/api/initiatives/">' in japanese_page
    assert "/ja/api/initiatives/" not in japanese_page
    assert '<a href="/ja/initiatives/">/ja/initiatives/</a>' in japanese_page  # the register's page, in Japanese


def test_the_japanese_page_states_the_fair_use_limits_in_japanese(client, db, settings):
    settings.RATE_LIMITS = {"api": 30, "downloads": 0, "feeds": 60, "search": 120}
    settings.HEAVY_REQUEST_SLOTS = 2
    html = client.get("/ja/api/").content.decode()
    assert "<li>API リクエスト（/api/ 以下のすべて）：30回</li>" in html
    assert "<li>ダウンロード（export.csv、export.json）：制限なし</li>" in html
    assert "<li>検索ページ：120回</li>" in html
    assert "利用者全体で同時に2件まで作成します" in html
    assert "API requests" not in html and "no limit" not in html


def test_the_english_page_stays_english(client, db):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert ENGLISH_LEAD in html
    assert '<h2 id="fair-use">Fair use</h2>' in html and '<h2 id="reference">Reference (version 1)</h2>' in html
    assert '<td data-label="parameter"><code>area</code></td>' in html
    assert "Search initiatives." in html and "One researcher and its links." in html
    assert JAPANESE.search(main_of(html)) is None


def test_the_language_switcher_and_the_alternates_link_both_pages(client, db):
    english = client.get("/api/").content.decode()
    assert '<a href="/ja/api/" hreflang="ja" lang="ja" data-language-switch="ja">' in english
    japanese = client.get("/ja/api/").content.decode()
    assert '<a href="/api/" hreflang="en" lang="en" data-language-switch="en">' in japanese
    for html in (english, japanese):
        assert '<link rel="alternate" hreflang="en" href="http://testserver/api/">' in html
        assert '<link rel="alternate" hreflang="ja" href="http://testserver/ja/api/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="http://testserver/api/">' in html


def test_the_openapi_document_is_english_whatever_the_page_language(client, db):
    client.get("/ja/api/")  # a Japanese page just before must leave nothing Japanese behind
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    texts = descriptions(document)
    assert len(texts) > 50
    assert [(where, text) for where, text in texts if JAPANESE.search(text)] == []
    assert document["paths"]["/api/v1/initiatives/"]["get"]["summary"] == "Search initiatives"
    assert document["paths"]["/api/v1/initiatives/"]["get"]["parameters"][2]["description"] == (
        "Page number (a page past the end answers 404)."
    )
    assert client.get("/ja/api/v1/openapi.json").status_code == 404  # the JSON has one address


def test_the_document_in_japanese_keeps_english_names_and_translates_every_description(client, db):
    document = client.get("/api/v1/openapi.json?lang=ja").json()
    schemas = set(document["components"]["schemas"])
    assert {"Initiative", "InitiativePage", "ResearcherDetail", "PartnershipPage", "FacetValue"} <= schemas
    assert [name for name in schemas if JAPANESE.search(name)] == []
    assert document["paths"]["/api/v1/initiatives/"]["get"]["summary"] == "イニシアティブを検索"
    untranslated = [(where, text) for where, text in descriptions(document) if not JAPANESE.search(text)]
    assert untranslated == []


def test_the_reference_is_the_document_in_the_active_language(rf, db):
    with translation.override("ja"):
        rows = openapi.reference(openapi.document(rf.get("/ja/api/")))
    search = rows["operations"][0]
    assert search["summary"] == "イニシアティブを検索"
    text = 'テキスト。すべての語を含む記録に一致します。"a phrase"、OR、-word が使えます。'
    assert ("q", "query", "string", text) in search["parameters"]
    assert ("page_size", "query", "integer", "1ページあたりの件数。") in search["parameters"]
