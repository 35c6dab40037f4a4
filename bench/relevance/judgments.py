"""The judged query set (``queries.json``): loading, checking, and deriving the relevant records from the data.

An entry's ``derive`` is a list of clauses; each names one rule and its value(s), and optionally the grade it
gives (``own`` gives 2, every other rule 1, ``slug`` has no default: a hand judgment states its grade) and, in a
one-box entry, the register it applies to::

    {"country": "VN"}                      initiatives with Viet Nam as a partner country: grade 1
    {"own": ["Vietnam", "Viet Nam"]}       records carrying a term in their own title or summary: grade 2
    {"kind": "research_centre", "grade": 2}
    {"register": "partnerships", "area": "energy-transition"}      (one-box entries)
    {"slug": ["tomodachi-initiative"], "grade": 2}                 a hand judgment

A record's grade is the highest any clause gives it. The clauses read the published records only (the models'
``published()``: for researchers, with consent), so ``relevant`` can never hold a record the public cannot see.
``derive_all()`` rebuilds every entry's ``relevant`` from its clauses; ``drift()`` compares them with the frozen
lists, which are what the evaluation uses.

Models are looked up by app label (``apps.get_model``), not imported, so the set keeps working when the code
moves between modules; the relations it follows are the model fields of DESIGN.md.
"""

import json
import re
from functools import reduce
from operator import or_
from pathlib import Path

from django.apps import apps
from django.db.models import Q

QUERIES = Path(__file__).with_name("queries.json")
REGISTERS = ("initiatives", "researchers", "partnerships")
ONE_BOX = "search"
LANGUAGES = ("en", "ja")
GRADES = (1, 2)
MIN_QUERIES, MIN_PER_LANGUAGE = 80, 35
REFRESH_HINT = (
    "the demo data changed, or the rules did: run `make relevance RELEVANCE_ARGS=--refresh-judgments` "
    "(or `python -m bench.relevance --refresh-judgments` against a database seeded with `seed_demo` only), "
    "review the diff of bench/relevance/queries.json and commit it with a note of why the judgments moved"
)

MODELS = {
    "initiatives": ("initiatives", "Initiative"),
    "researchers": ("people", "Researcher"),
    "partnerships": ("partnerships", "SubnationalPartnership"),
}


def _values(value):
    return value if isinstance(value, list) else [value]


def _q_any(*lookups):
    """A rule matching when any of the lookups does (``lead or partner organization``)."""
    return lambda values: reduce(or_, (Q(**{lookup: values}) for lookup in lookups))


# rule name -> values -> Q over the register's model; each takes a list of values, any of which is enough.
RULES = {
    "initiatives": {
        "country": _q_any("countries__iso2__in"),
        "area": _q_any("policy_areas__slug__in"),
        "framework": _q_any("frameworks__slug__in"),
        "org": _q_any("lead_organization__slug__in", "partner_organizations__slug__in"),
        "kind": _q_any("kind__in"),
    },
    "researchers": {
        "field": _q_any("fields__slug__in"),
        "affiliation": _q_any("affiliation__slug__in"),
        "org": _q_any("affiliation__slug__in", "exchanges__host_organization__slug__in"),
        "country": _q_any("country__iso2__in"),
        "exchange_country": _q_any("exchanges__country__iso2__in"),
        "programme": lambda values: reduce(or_, (Q(exchanges__programme__icontains=v) for v in values)),
    },
    "partnerships": {
        "prefecture": _q_any("japanese_locality__iso_code__in", "japanese_locality__parent__iso_code__in"),
        "country": _q_any("foreign_locality__country__iso2__in"),
        "subdivision": _q_any("foreign_locality__iso_code__in", "foreign_locality__parent__iso_code__in"),
        "area": _q_any("focus_areas__slug__in"),
        "kind": _q_any("kind__in"),
    },
}
# Rules every register has: terms in the record's own text, and hand judgments.
OWN, SLUG = "own", "slug"
CLAUSE_KEYS = {"grade", "register"}


def model(register):
    return apps.get_model(*MODELS[register])


def published(register):
    return model(register)._default_manager.published()


def own_text(register, record):
    """The record's own words in both languages: what a grade 2 ``own`` clause reads.

    Initiatives: title and summary. Researchers: names and bio. Partnerships: the title (the two places'
    names) with the places' Japanese names, and the description.
    """
    if register == "initiatives":
        parts = [record.title, record.title_ja, record.summary, record.summary_ja]
    elif register == "researchers":
        parts = [record.given_name, record.family_name, record.name_ja, record.bio, record.bio_ja]
    else:
        places = [record.japanese_locality, record.foreign_locality]
        places += [place.parent for place in places if place.parent_id]
        parts = [record.title, *(place.name_ja for place in places), record.description, record.description_ja]
    return "\n".join(part for part in parts if part)


def term_pattern(term):
    """Latin terms match whole words, case-insensitively (``term*`` as a word prefix); Japanese ones anywhere."""
    if not term.isascii():
        return re.compile(re.escape(term))
    prefix = term.endswith("*")
    body = re.escape(term.rstrip("*"))
    return re.compile(rf"(?<!\w){body}" + ("" if prefix else r"(?!\w)"), re.IGNORECASE)


def clause_rule(clause):
    """The clause's one rule name (every key but ``grade`` and ``register``)."""
    names = [key for key in clause if key not in CLAUSE_KEYS]
    if len(names) != 1:
        raise ValueError(f"a clause names exactly one rule, not {names}: {clause}")
    return names[0]


def clause_grade(clause):
    rule = clause_rule(clause)
    if rule == SLUG and "grade" not in clause:
        raise ValueError(f"a hand judgment states its grade: {clause}")
    return clause.get("grade", 2 if rule == OWN else 1)


def matching_slugs(register, clause):
    """Slugs of the published records of ``register`` that the clause selects."""
    rule = clause_rule(clause)
    values = _values(clause[rule])
    records = published(register)
    if rule == SLUG:
        return set(records.filter(slug__in=values).values_list("slug", flat=True))
    if rule == OWN:
        patterns = [term_pattern(term) for term in values]
        related = ["japanese_locality__parent", "foreign_locality__parent"] if register == "partnerships" else []
        return {
            record.slug
            for record in records.select_related(*related)
            if any(pattern.search(own_text(register, record)) for pattern in patterns)
        }
    try:
        condition = RULES[register][rule](values)
    except KeyError:
        raise ValueError(f"no rule {rule!r} for {register} (rules: {sorted(RULES[register])})") from None
    return set(records.filter(condition).values_list("slug", flat=True))


def clause_register(entry, clause):
    if entry["register"] != ONE_BOX:
        return entry["register"]
    if clause.get("register") not in REGISTERS:
        raise ValueError(f"{entry['id']}: a one-box clause names its register: {clause}")
    return clause["register"]


def record_key(entry, register, slug):
    """How ``relevant`` names a record: its slug, or ``<register>/<slug>`` in a one-box entry."""
    return f"{register}/{slug}" if entry["register"] == ONE_BOX else slug


def derive(entry):
    """``{record key: grade}`` from the entry's clauses, highest grade wins; sorted for a stable file."""
    grades = {}
    for clause in entry.get("derive", []):
        register = clause_register(entry, clause)
        grade = clause_grade(clause)
        for slug in matching_slugs(register, clause):
            key = record_key(entry, register, slug)
            grades[key] = max(grades.get(key, 0), grade)
    return dict(sorted(grades.items(), key=lambda item: (-item[1], item[0])))


def load(path=QUERIES):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def entries(path=QUERIES):
    return load(path)["queries"]


def problems(document):
    """What is wrong with the set's shape (not its data): a list of messages, empty when it is sound."""
    found = []
    queries = document.get("queries", [])
    if len(queries) < MIN_QUERIES:
        found.append(f"{len(queries)} queries, fewer than {MIN_QUERIES}")
    for language in LANGUAGES:
        count = sum(entry.get("language") == language for entry in queries)
        if count < MIN_PER_LANGUAGE:
            found.append(f"{count} {language} queries, fewer than {MIN_PER_LANGUAGE}")
    seen = set()
    for entry in queries:
        name = entry.get("id", "?")
        if name in seen:
            found.append(f"{name}: id used twice")
        seen.add(name)
        for key in ("id", "language", "register", "query", "category", "relevant"):
            if key not in entry:
                found.append(f"{name}: no {key}")
        if entry.get("language") not in LANGUAGES:
            found.append(f"{name}: language {entry.get('language')!r} is not one of {LANGUAGES}")
        if entry.get("register") not in (*REGISTERS, ONE_BOX):
            found.append(f"{name}: register {entry.get('register')!r} is not one of {(*REGISTERS, ONE_BOX)}")
        if not str(entry.get("query", "")).strip():
            found.append(f"{name}: empty query")
        for key, grade in entry.get("relevant", {}).items():
            if grade not in GRADES:
                found.append(f"{name}: {key} has grade {grade!r}, not one of {GRADES}")
        if not entry.get("relevant") and not entry.get("expect_none"):
            found.append(f"{name}: no relevant record (mark a query that must find nothing with expect_none)")
        if entry.get("expect_none") and entry.get("relevant"):
            found.append(f"{name}: expect_none, yet relevant records are listed")
        if entry.get("misspelled") and not entry.get("intended"):
            found.append(f"{name}: a misspelled query says what was intended")
    return found


def unpublished(entry):
    """Keys of ``relevant`` that are not published records (drafts, researchers without consent, unknown slugs)."""
    wanted = {}
    for key in entry["relevant"]:
        register, slug = key.split("/", 1) if entry["register"] == ONE_BOX else (entry["register"], key)
        wanted.setdefault(register, set()).add(slug)
    missing = set()
    for register, slugs in wanted.items():
        found = (
            set(published(register).filter(slug__in=slugs).values_list("slug", flat=True))
            if register in REGISTERS
            else set()
        )
        missing |= {record_key(entry, register, slug) for slug in slugs - found}
    return sorted(missing)


def drift(entry):
    """How the frozen ``relevant`` differs from what the clauses derive now: a message, or None when equal."""
    if "derive" not in entry:
        return None
    derived = derive(entry)
    if derived == entry["relevant"]:
        return None
    frozen = entry["relevant"]
    changes = [f"+{k}:{g}" for k, g in derived.items() if frozen.get(k) != g]
    changes += [f"-{k}" for k in frozen if k not in derived]
    return f"{entry['id']}: {', '.join(changes)}"


def refresh(path=QUERIES):
    """Rewrite every derived ``relevant`` from the current data; returns the ids that changed."""
    document = load(path)
    changed = []
    for entry in document["queries"]:
        if "derive" in entry:
            derived = derive(entry)
            if derived != entry["relevant"]:
                entry["relevant"] = derived
                changed.append(entry["id"])
    write(document, path)
    return changed


ENTRY_KEYS = ["id", "language", "register", "query", "category", "misspelled", "intended", "expect_none", "note"]


def write(document, path=QUERIES):
    Path(path).write_text(dumps(document), encoding="utf-8")


def dumps(document):
    """``{"about": ..., "queries": [...]}`` as JSON that reads well in a diff: one clause, one judgment a line."""

    def one(value):
        return json.dumps(value, ensure_ascii=False)

    def listed(items, opening, closing):
        return opening + "".join(f"\n        {item}," for item in items).rstrip(",") + f"\n      {closing}"

    def entry_text(entry):
        keys = [key for key in ENTRY_KEYS if key in entry]
        keys += [key for key in entry if key not in ENTRY_KEYS and key not in ("derive", "relevant")]
        fields = [f"{one(key)}: {one(entry[key])}" for key in keys]
        if "derive" in entry:
            fields.append('"derive": ' + listed([one(clause) for clause in entry["derive"]], "[", "]"))
        judged = [f"{one(key)}: {grade}" for key, grade in entry["relevant"].items()]
        fields.append('"relevant": ' + (listed(judged, "{", "}") if judged else "{}"))
        return "    {\n" + ",\n".join(f"      {field}" for field in fields) + "\n    }"

    about = json.dumps(document["about"], ensure_ascii=False, indent=2).replace("\n", "\n  ")
    queries = ",\n".join(entry_text(entry) for entry in document["queries"])
    return f'{{\n  "about": {about},\n  "queries": [\n{queries}\n  ]\n}}\n'
