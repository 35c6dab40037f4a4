"""The judged query set of issue 12 (bench/relevance/queries.json) and the harness that measures the search on it.

The set must stay true to the demo data: every judged record published, every rule re-deriving its frozen
list. The full evaluation is `make relevance`, not a test; here the harness runs on a few queries.
"""

import json

import pytest

from bench.relevance import judgments
from bench.relevance.__main__ import main
from bench.relevance.evaluate import evaluate
from bench.relevance.searcher import Searcher, offered_correction

# Every case issue 12 names, by (register, query): the set must keep them.
ISSUE_CASES = [
    ("initiatives", "Vietnam"),
    ("initiatives", "Viet Nam"),
    ("initiatives", "ベトナム"),
    ("initiatives", "Kyoto University"),
    ("initiatives", "京都大学"),
    ("initiatives", "climate"),
    ("search", "energy"),
    ("initiatives", "aging"),
    ("initiatives", "ageing"),
    ("initiatives", "exchange programme"),
    ("initiatives", "exchange program"),
    ("initiatives", "organisation"),
    ("initiatives", "organization"),
    ("initiatives", "research centre"),
    ("initiatives", "research center"),
    ("initiatives", "Japan Society for the Promotion of Science"),
    ("initiatives", "JSPS"),
    ("initiatives", "USA"),
    ("initiatives", "US"),
    ("partnerships", "United States"),
    ("initiatives", "UK"),
    ("initiatives", "United Kingdom"),
    ("initiatives", "Britain"),
    ("initiatives", "Korea"),
    ("initiatives", "South Korea"),
    ("initiatives", "Republic of Korea"),
    ("initiatives", "cyber"),
    ("initiatives", "日米"),
    ("initiatives", "宇宙"),
    ("partnerships", "北海道"),
    ("partnerships", "東京都"),
    ("partnerships", "東京"),
]
CATEGORIES = {
    "partner-country",
    "country-name-variant",
    "organization",
    "affiliation",
    "exchange-host",
    "framework",
    "policy-area",
    "research-field",
    "prefecture",
    "foreign-locality",
    "spelling-variant",
    "prefix",
    "misspelling",
    "kana-folding",
    "width-folding",
    "short-japanese",
}


@pytest.fixture(scope="module")
def document():
    return judgments.load()


def test_the_set_is_well_formed_and_large_enough_in_both_languages(document):
    queries = document["queries"]
    assert judgments.problems(document) == []
    assert len(queries) >= 80
    for language in ("en", "ja"):
        assert sum(entry["language"] == language for entry in queries) >= 35


def test_the_set_covers_every_case_the_issue_names(document):
    asked = {(entry["register"], entry["query"]) for entry in document["queries"]}
    assert [case for case in ISSUE_CASES if case not in asked] == []
    assert CATEGORIES - {entry["category"] for entry in document["queries"]} == set()
    misspelled = [entry for entry in document["queries"] if entry.get("misspelled")]
    assert {entry["language"] for entry in misspelled} == {"en", "ja"}


def test_the_problems_of_a_malformed_set_are_named():
    entry = {"id": "x", "language": "fr", "register": "people", "query": " ", "category": "c", "relevant": {"a": 3}}
    found = judgments.problems({"queries": [entry, entry]})
    for expected in ("fewer than 80", "0 en queries", "x: id used twice", "x: language 'fr'", "x: register 'people'"):
        assert any(expected in problem for problem in found), expected
    assert "x: empty query" in found
    assert "x: a has grade 3, not one of (1, 2)" in found


def test_the_writer_keeps_every_entry_as_it_was(document):
    assert json.loads(judgments.dumps(document)) == document


@pytest.mark.parametrize(
    ("term", "text", "matches"),
    [
        ("aging", "Ageing and aging societies", True),
        ("aging", "managing change", False),
        ("U.S.", "Western U.S. states", True),
        ("UK", "UKRI and JST", False),
        ("cyber*", "Cybersecurity capacity", True),
        ("京都", "東京都の施設", True),  # Japanese terms match anywhere: why "Kyoto" entries avoid 京都
    ],
)
def test_own_terms_match_whole_latin_words_and_japanese_anywhere(term, text, matches):
    assert bool(judgments.term_pattern(term).search(text)) is matches


def test_a_correction_is_a_link_to_the_same_page_with_another_query():
    page = """
        <a href="/initiatives/">All initiatives</a>
        <a href="?q=Vietnm&amp;area=climate-change">chip</a> <a href="?area=climate-change">clear text</a>
        <a href="?q=Vietnm&amp;page=2">2</a> <a href="/partnerships/?q=Vietnam">elsewhere</a>
        <a href="/initiatives/?q=Vietnam">Did you mean Vietnam?</a>
    """
    assert offered_correction(page, "/initiatives/", "Vietnm") == "Vietnam"
    assert offered_correction(page.replace('q=Vietnam">Did', 'q=vietnm">Did'), "/initiatives/", "Vietnm") is None


@pytest.mark.django_db
class TestOnTheDemoData:
    @pytest.fixture(autouse=True)
    def _demo(self, demo_data):
        pass

    def test_every_judged_record_is_published(self, document):
        unpublished = {entry["id"]: judgments.unpublished(entry) for entry in document["queries"]}
        assert {name: keys for name, keys in unpublished.items() if keys} == {}

    def test_every_rule_still_derives_its_frozen_judgments(self, document):
        drifted = [message for entry in document["queries"] if (message := judgments.drift(entry))]
        assert drifted == [], f"{len(drifted)} judgments drifted from the demo data; {judgments.REFRESH_HINT}"

    def test_rules_read_published_records_only(self):
        # The only initiative about space (宇宙) is a draft; Kyoto University's Yoshiro Kondo has not consented.
        assert judgments.matching_slugs("initiatives", {"own": ["宇宙"]}) == set()
        kyoto = judgments.matching_slugs("researchers", {"affiliation": "kyoto-u"})
        assert "kondo-yoshiro" not in kyoto
        assert "hayashi-ryo" in kyoto

    def test_a_drifted_judgment_is_reported_with_what_changed(self, document):
        entry = next(entry for entry in document["queries"] if entry["id"] == "en-vietnam")
        moved = {**entry, "relevant": {**entry["relevant"], "tomodachi-initiative": 1}}
        del moved["relevant"]["ajccbc"]
        assert judgments.drift(moved) == "en-vietnam: +ajccbc:1, -tomodachi-initiative"

    def test_a_ranking_equal_to_the_judgments_scores_one_and_a_worse_order_less(self):
        searcher = Searcher()
        ranking = searcher.ask("initiatives", "SATREPS", "en").ranking
        assert len(ranking) >= 2
        entry = {"id": "t", "language": "en", "register": "initiatives", "query": "SATREPS", "category": "t"}
        best = evaluate(searcher, {**entry, "relevant": {ranking[0]: 2, **dict.fromkeys(ranking[1:], 1)}})
        worse = evaluate(searcher, {**entry, "relevant": {ranking[-1]: 2, **dict.fromkeys(ranking[:-1], 1)}})
        assert (best["recall"], best["ndcg"], best["misses"]) == (1.0, 1.0, {})
        assert worse["recall"] == 1.0
        assert worse["ndcg"] < 1.0

    def test_the_one_box_is_read_from_its_page_and_its_links_to_each_register(self):
        answer = Searcher().ask("search", "SATREPS", "en")
        shown = {key.split("/")[0] for key in answer.ranking}
        assert "initiatives" in shown
        assert all(key.split("/", 1)[1] in answer.reached[key.split("/")[0]] for key in answer.ranking)
        # The "All N initiatives" link is followed: everything the register search finds is reached.
        assert set(Searcher().ask("initiatives", "SATREPS", "en").ranking) <= set(answer.reached["initiatives"])
        assert answer.errors == []

    def test_the_command_prints_the_figures_and_writes_them(self, tmp_path, capsys, document):
        subset = {
            **document,
            "queries": [e for e in document["queries"] if e["id"] in ("en-satreps", "en-typo-hokaido", "ja-uchu")],
        }
        query_set, out = tmp_path / "queries.json", tmp_path / "figures.json"
        judgments.write(subset, query_set)
        main(["--set", str(query_set), "--json", str(out), "--verbose"])
        printed = capsys.readouterr().out
        assert "English" in printed
        assert "Japanese" in printed
        assert "ja-uchu" in printed
        figures = json.loads(out.read_text())
        assert figures["languages"]["en"]["queries"] == 1
        assert figures["misspelled"]["as_typed"]["queries"] == 1
        assert figures["expect_none"][0]["id"] == "ja-uchu"
        assert {row["id"] for row in figures["queries"]} == {"en-satreps", "en-typo-hokaido", "ja-uchu"}

    def test_refreshing_rewrites_a_drifted_list_from_its_rules(self, tmp_path, document):
        entry = next(entry for entry in document["queries"] if entry["id"] == "en-vietnam")
        query_set = tmp_path / "queries.json"
        judgments.write({**document, "queries": [{**entry, "relevant": {"tomodachi-initiative": 2}}]}, query_set)
        main(["--set", str(query_set), "--refresh-judgments"])
        assert judgments.entries(query_set)[0]["relevant"] == entry["relevant"]
