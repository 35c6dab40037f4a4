"""Each judged query asked of the search, scored, and the scores averaged by language, register and category.

The per-language figures (what the issue's targets apply to), the per-register and the overall ones average
the *scored* queries: every query but the misspelled ones and those that must find nothing, which are
reported apart (a misspelling as typed and after the correction the page offers; a must-find-nothing query
by how many records it returned).
"""

from .judgments import LANGUAGES, ONE_BOX, REGISTERS
from .metrics import mean, ndcg_at, recall_at, recall_reached

RECALL_K, NDCG_K = 20, 10
TARGETS = {"recall": 0.95, "ndcg": 0.85}


def score(entry, answer):
    """recall@20, nDCG@10 and the misses (relevant records not reached) of one answer to the entry's query."""
    judged = entry["relevant"]
    if entry["register"] == ONE_BOX:
        recall = recall_reached(answer.reached, judged, RECALL_K)
        reached = {f"{register}/{slug}" for register, slugs in answer.reached.items() for slug in slugs}
    else:
        recall = recall_at(answer.ranking, judged, RECALL_K)
        reached = set(answer.ranking[:RECALL_K])
    return {
        "recall": recall,
        "ndcg": ndcg_at(answer.ranking, judged, NDCG_K),
        "misses": {key: grade for key, grade in judged.items() if key not in reached},
    }


def evaluate(searcher, entry):
    """One entry's row: what was asked, what came back (the first 20), and its scores."""
    answer = searcher.ask(entry["register"], entry["query"], entry["language"])
    row = {key: entry[key] for key in ("id", "language", "register", "query", "category")}
    row.update(relevant=len(entry["relevant"]), count=answer.count, top=answer.ranking[:RECALL_K])
    row["errors"] = answer.errors
    if entry["register"] == ONE_BOX:
        row["reached"] = answer.reached
    if entry.get("expect_none"):
        row["kind"] = "expect_none"
        return row
    row.update(score(entry, answer))
    if entry.get("misspelled"):
        row["kind"] = "misspelled"
        row["intended"] = entry["intended"]
        offered = searcher.suggestion(entry["register"], entry["query"], entry["language"])
        row["suggestion"] = offered
        corrected = searcher.ask(entry["register"], offered, entry["language"]) if offered else None
        after = score(entry, corrected) if corrected else {"recall": 0.0, "ndcg": 0.0, "misses": entry["relevant"]}
        row["after_suggestion"] = {"recall": after["recall"], "ndcg": after["ndcg"]}
    else:
        row["kind"] = "scored"
    return row


def figures(rows, key=None):
    """Mean recall@20 and nDCG@10 of the rows (``key`` picks ``after_suggestion`` for misspellings)."""
    values = [row[key] if key else row for row in rows]
    return {
        "queries": len(values),
        "recall": mean(v["recall"] for v in values),
        "ndcg": mean(v["ndcg"] for v in values),
    }


def meets(group):
    return all(group[name] is not None and group[name] >= target for name, target in TARGETS.items())


def summarise(rows):
    scored = [row for row in rows if row["kind"] == "scored"]
    languages = {}
    for language in LANGUAGES:
        group = figures([row for row in scored if row["language"] == language])
        languages[language] = {**group, "meets_targets": meets(group)}
    registers = {
        register: figures([row for row in scored if row["register"] == register]) for register in (*REGISTERS, ONE_BOX)
    }
    categories = {
        category: figures([row for row in scored if row["category"] == category])
        for category in sorted({row["category"] for row in scored})
    }
    misspelled = [row for row in rows if row["kind"] == "misspelled"]
    return {
        "targets": {"recall_at_20": TARGETS["recall"], "ndcg_at_10": TARGETS["ndcg"], "in": "each language"},
        "languages": languages,
        "registers": registers,
        "categories": categories,
        "all": figures(scored),
        "misspelled": {
            "as_typed": figures(misspelled),
            "after_suggestion": figures(misspelled, "after_suggestion"),
            "suggestions_offered": sum(1 for row in misspelled if row["suggestion"]),
        },
        "expect_none": [
            {"id": row["id"], "query": row["query"], "count": row["count"]}
            for row in rows
            if row["kind"] == "expect_none"
        ],
        "errors": [error for row in rows for error in row["errors"]],
        "queries": rows,
    }


def run(searcher, entries):
    return summarise([evaluate(searcher, entry) for entry in entries])
