"""The search-quality metrics (bench/relevance/metrics.py) and their averaging, on hand-computed examples."""

import math

import pytest

from bench.relevance.evaluate import summarise
from bench.relevance.metrics import dcg, ndcg_at, recall_at, recall_reached

LOG2_3 = math.log2(3)


def test_recall_counts_the_relevant_records_within_the_first_k():
    judged = {"a": 2, "b": 1, "c": 1}
    assert recall_at(["a", "x", "b"], judged) == pytest.approx(2 / 3)
    assert recall_at(["x", "y", "a", "b", "c"], judged, k=3) == pytest.approx(1 / 3)


def test_recall_caps_its_denominator_at_k_when_more_records_are_relevant():
    judged = {f"r{i}": 1 for i in range(25)}
    assert recall_at([f"r{i}" for i in range(20)], judged, k=20) == 1.0
    assert recall_at([f"r{i}" for i in range(10)], judged, k=20) == 0.5


def test_a_record_returned_twice_counts_once():
    assert recall_at(["a", "a", "x"], {"a": 1, "b": 1}) == 0.5
    assert ndcg_at(["a", "a"], {"a": 1, "b": 1}) == pytest.approx(1 / (1 + 1 / LOG2_3))


def test_dcg_uses_exponential_gains_and_a_log2_discount():
    # (2^2 - 1) / log2(2) + 0 + (2^1 - 1) / log2(4) = 3 + 0.5
    assert dcg([2, 0, 1], 10) == pytest.approx(3.5)
    assert dcg([2, 0, 1], 1) == pytest.approx(3.0)


def test_ndcg_divides_by_the_dcg_of_the_judged_grades_in_the_best_order():
    judged = {"a": 2, "b": 1}
    # DCG: 0 + 3 / log2(3) + 1 / log2(4); ideal: 3 / log2(2) + 1 / log2(3)
    expected = (3 / LOG2_3 + 0.5) / (3 + 1 / LOG2_3)
    assert ndcg_at(["x", "a", "b"], judged) == pytest.approx(expected)
    assert expected == pytest.approx(0.6590, abs=1e-4)
    assert ndcg_at(["a", "b", "x"], judged) == 1.0
    assert ndcg_at(["b", "a"], judged) < 1.0
    assert ndcg_at([], judged) == 0.0


def test_ndcg_reads_only_the_first_k_results():
    judged = {"a": 2}
    assert ndcg_at([f"x{i}" for i in range(10)] + ["a"], judged, k=10) == 0.0
    assert ndcg_at([f"x{i}" for i in range(9)] + ["a"], judged, k=10) == pytest.approx(1 / math.log2(11))


def test_the_one_box_recall_adds_up_what_each_register_reaches():
    judged = {"initiatives/a": 2, "initiatives/b": 1, "partnerships/p": 1}
    reached = {"initiatives": ["a", "x"], "partnerships": ["p"], "researchers": ["r"]}
    assert recall_reached(reached, judged) == pytest.approx(2 / 3)
    many = {f"initiatives/i{n}": 1 for n in range(25)} | {"partnerships/p": 1}
    reached = {"initiatives": [f"i{n}" for n in range(25)], "partnerships": []}
    assert recall_reached(reached, many, k=20) == pytest.approx(20 / 21)


def test_the_metrics_refuse_a_query_without_relevant_records():
    for metric in (recall_at, ndcg_at):
        with pytest.raises(ValueError, match="undefined"):
            metric(["a"], {})


def row(language, kind="scored", recall=1.0, ndcg=1.0, register="initiatives", **extra):
    return {
        "id": f"{language}-{kind}-{recall}",
        "language": language,
        "register": register,
        "query": "q",
        "category": "test",
        "kind": kind,
        "recall": recall,
        "ndcg": ndcg,
        "count": 0,
        "errors": [],
        **extra,
    }


def test_language_figures_average_the_scored_queries_and_say_whether_they_meet_the_targets():
    rows = [
        row("en", recall=1.0, ndcg=0.9),
        row("en", recall=0.9, ndcg=1.0),
        row("ja", recall=1.0, ndcg=0.8, register="search"),
        row("en", kind="misspelled", recall=0.0, ndcg=0.0, suggestion=None, after_suggestion={"recall": 0, "ndcg": 0}),
        row("ja", kind="expect_none", count=3),
    ]
    summary = summarise(rows)
    english, japanese = summary["languages"]["en"], summary["languages"]["ja"]
    assert (english["queries"], english["recall"], english["ndcg"]) == (2, pytest.approx(0.95), pytest.approx(0.95))
    assert english["meets_targets"] is True
    assert japanese["meets_targets"] is False  # nDCG 0.8 < 0.85
    assert summary["registers"]["search"]["queries"] == 1
    assert summary["all"]["queries"] == 3
    assert summary["misspelled"]["as_typed"]["queries"] == 1
    assert summary["misspelled"]["suggestions_offered"] == 0
    assert summary["expect_none"] == [{"id": "ja-expect_none-1.0", "query": "q", "count": 3}]
