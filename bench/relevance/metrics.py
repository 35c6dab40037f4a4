"""Ranking metrics over one query's ranked results and its graded judgments.

``ranking`` is the list of record keys in the order the search returned them (a key seen twice counts at
its first position only); ``judged`` maps the relevant keys to their grade (1 or 2); anything not in
``judged`` has grade 0.

- recall@k = |relevant ∩ top k| / min(|relevant|, k). The usual denominator is |relevant|; with more than k
  relevant records no ranking could score 1.0 that way, so it is capped at k (a full first k scores 1.0).
- DCG@k = Σ_{i=1..k} (2^{g_i} − 1) / log2(i + 1), with g_i the grade of the record at rank i: gain 1 for
  grade 1, 3 for grade 2, discounted by position.
- The one-box's recall@k: it shows a few records of each register and links to each register's full search,
  so what it reaches in register r is what it shows plus the first k of that search; recall@k there is
  Σ_r min(|relevant_r ∩ reached_r|, k) / Σ_r min(|relevant_r|, k) over the registers with relevant records (keys are
  ``<register>/<slug>``).
- nDCG@k = DCG@k / IDCG@k, where IDCG@k is the DCG@k of the judged grades sorted from highest down (the best
  ranking the judgments allow), so 1.0 means the top k are as good as the judgments permit.

Both are undefined for a query with no relevant record; callers measure such queries apart.
"""

import math
from statistics import fmean


def deduplicated(ranking):
    return list(dict.fromkeys(ranking))


def recall_at(ranking, judged, k=20):
    if not judged:
        raise ValueError("recall is undefined without a relevant record")
    found = sum(1 for key in deduplicated(ranking)[:k] if key in judged)
    return found / min(len(judged), k)


def recall_reached(reached, judged, k=20):
    """The one-box's recall@k: ``reached`` maps each register to the slugs it reaches there."""
    if not judged:
        raise ValueError("recall is undefined without a relevant record")
    wanted = {}
    for key in judged:
        register, slug = key.split("/", 1)
        wanted.setdefault(register, set()).add(slug)
    found = sum(min(len(slugs & set(reached.get(register, []))), k) for register, slugs in wanted.items())
    return found / sum(min(len(slugs), k) for slugs in wanted.values())


def gain(grade):
    return 2**grade - 1


def dcg(grades, k):
    return sum(gain(grade) / math.log2(position + 1) for position, grade in enumerate(grades[:k], start=1))


def ndcg_at(ranking, judged, k=10):
    if not judged:
        raise ValueError("nDCG is undefined without a relevant record")
    actual = [judged.get(key, 0) for key in deduplicated(ranking)]
    ideal = sorted(judged.values(), reverse=True)
    return dcg(actual, k) / dcg(ideal, k)


def mean(values):
    """The macro average (every query counts the same); None for no values."""
    values = list(values)
    return fmean(values) if values else None
