"""What the load test's visitors ask for: the endpoints, their weights, and the URLs, built from the site's answers.

Only the public URL contract of DESIGN.md is used, never the application's code, so the same mix measures
whatever stands behind those URLs. ``Catalogue.fetch()`` reads, once at the start, the facet values that exist
(the API's ``facets``, with their English and Japanese labels), a sample of detail pages (the API's result
``url``s), organizations and countries, and which optional endpoints answer (``OPTIONAL``: switched on by a
probe, so suggestions, feeds and API v1 join the mix as soon as they exist).
"""

import random
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

REGISTERS = ("initiatives", "researchers", "partnerships")
# A visitor's register, as often as people look for each: initiatives most.
REGISTER_WEIGHTS = (3, 2, 1)
RANGES = {"initiatives": ("year_from", "year_to", 1995, 2030), "partnerships": ("since_from", "since_to", 1950, 2025)}
SORTS = ("relevance", "newest", "oldest", "title")
# Words the scale and demo data use, for text queries beside the facet labels (which exist by construction).
WORDS = {
    "en": ["climate", "energy", "research", "exchange", "security", "ocean", "hydrogen", "disaster", "cyber", "health"],
    "ja": ["共同研究", "協力", "国際ワークショップ", "気候", "エネルギー", "防災", "日米", "研究"],
}
# Facets whose labels make sensible text queries ("Climate change", "ベトナム", "SATREPS").
TEXT_FACETS = ("area", "country", "framework", "field", "prefecture")
SAMPLE_PAGES = 4  # API pages read per register at the start, for detail pages (20 records each)

# Endpoints that do not exist yet everywhere (issues 12 and 14): each is probed once and joins the mix when its
# probe answers 200. When issue 12 names its suggestion endpoint, set SUGGESTIONS_PATH to it.
SUGGESTIONS_PATH = "/suggest/"


@dataclass
class Register:
    name: str
    facets: dict = field(default_factory=dict)  # facet name -> [value, ...] (values with results)
    labels: dict = field(default_factory=dict)  # language -> [facet label usable as a text query]
    details: list = field(default_factory=list)  # paths of detail pages
    slugs: list = field(default_factory=list)
    num_pages: int = 1  # of the unfiltered search


@dataclass
class Catalogue:
    registers: dict
    organizations: list  # paths
    countries: list  # paths
    optional: dict  # endpoint name -> True (on) or the reason it is off

    @classmethod
    def fetch(cls, get_json, get_status):
        """``get_json(path) -> dict`` and ``get_status(path) -> int`` talk to the site (the caller's client)."""
        rng = random.Random(17)  # noqa: S311 (a sample, the same each run)
        registers, organizations, countries = {}, set(), set()
        for name in REGISTERS:
            register = Register(name)
            for language in ("en", "ja"):
                answer = get_json(f"/api/{name}/?lang={language}")
                for facet, values in answer["facets"].items():
                    present = [v for v in values if v["count"] > 0]
                    if language == "en":
                        register.facets[facet] = [v["value"] for v in present]
                    if facet in TEXT_FACETS:
                        register.labels.setdefault(language, []).extend(v["label"] for v in present[:30])
                    if facet == "country":
                        countries.update(f"/countries/{v['value'].lower()}/" for v in present)
            register.num_pages = answer["num_pages"]
            pages = sorted({1, *rng.sample(range(1, register.num_pages + 1), min(SAMPLE_PAGES, register.num_pages))})
            for page in pages:
                for result in get_json(f"/api/{name}/?page={page}")["results"]:
                    register.details.append(urlsplit(result["url"]).path)
                    register.slugs.append(result["slug"])
                    for key in ("lead_organization", "affiliation"):
                        if result.get(key):
                            organizations.add(f"/organizations/{result[key]['slug']}/")
            registers[name] = register
        optional = {}
        for endpoint in OPTIONAL:
            probe = endpoint.probe(registers)
            status = get_status(probe)
            optional[endpoint.name] = True if status == 200 else f"GET {probe} answered {status}"
        return cls(registers, sorted(organizations), sorted(countries), optional)

    def endpoints(self):
        """``[(name, weight, build(catalogue, rng) -> path)]``: the core mix and the optional endpoints that are on."""
        chosen = [(e.name, e.weight, e.build) for e in CORE]
        chosen += [(e.name, e.weight, e.build) for e in OPTIONAL if self.optional.get(e.name) is True]
        return chosen


# URL builders ------------------------------------------------------------------------------------------------


def language_prefix(rng):
    return rng.choice(("", "/ja"))


def random_text(catalogue, register, language, rng):
    labels = catalogue.registers[register].labels.get(language) or []
    if labels and rng.random() < 0.5:
        return rng.choice(labels)
    return rng.choice(WORDS[language])


def random_search(catalogue, register, language, rng):
    """Search parameters as a person builds them: 0-3 facets (now and then two values of one), text in the
    page's language 40% of the time, a year range or a sort now and then, and, browsing without a filter, a
    later page (one that exists: a page past the end is a 404 by design)."""
    facets = catalogue.registers[register].facets
    params = []
    for facet in rng.sample(sorted(f for f, values in facets.items() if values), k=rng.choice((0, 1, 1, 2, 3))):
        values = rng.sample(facets[facet], k=min(len(facets[facet]), rng.choice((1, 1, 2))))
        params += [(facet, value) for value in values]
    if rng.random() < 0.4:
        params.append(("q", random_text(catalogue, register, language, rng)))
    if register in RANGES and rng.random() < 0.15:
        low_name, high_name, low, high = RANGES[register]
        start = rng.randint(low, high)
        params += [(low_name, start), (high_name, start + rng.randint(0, 10))]
    last_page = min(catalogue.registers[register].num_pages, 50)
    if not params and last_page > 1 and rng.random() < 0.3:
        params.append(("page", rng.randint(2, last_page)))
    if rng.random() < 0.15:
        params.append(("sort", rng.choice(SORTS)))
    return params


def pick_register(rng):
    return rng.choices(REGISTERS, weights=REGISTER_WEIGHTS)[0]


def search_page(register):
    def build(catalogue, rng):
        prefix = language_prefix(rng)
        params = random_search(catalogue, register, "ja" if prefix else "en", rng)
        return f"{prefix}/{register}/?{urlencode(params)}"

    return build


def api_search(version=""):
    def build(catalogue, rng):
        register = pick_register(rng)
        language = rng.choice(("en", "ja"))
        params = [*random_search(catalogue, register, language, rng), ("lang", language)]
        return f"/api/{version}{register}/?{urlencode(params)}"

    return build


def detail(register):
    def build(catalogue, rng):
        return language_prefix(rng) + rng.choice(catalogue.registers[register].details)

    return build


def home(catalogue, rng):
    return language_prefix(rng) + "/"


def one_box(catalogue, rng):
    prefix = language_prefix(rng)
    text = random_text(catalogue, pick_register(rng), "ja" if prefix else "en", rng)
    return f"{prefix}/search/?{urlencode({'q': text})}"


def organization(catalogue, rng):
    return language_prefix(rng) + rng.choice(catalogue.organizations)


def country(catalogue, rng):
    return language_prefix(rng) + rng.choice(catalogue.countries)


def suggestions(catalogue, rng):
    """What a search box asks while someone types: the first 2-6 characters of a query."""
    prefix = language_prefix(rng)
    text = random_text(catalogue, pick_register(rng), "ja" if prefix else "en", rng)
    return f"{prefix}{SUGGESTIONS_PATH}?{urlencode({'q': text[: rng.randint(2, 6)]})}"


def feed(catalogue, rng):
    register = pick_register(rng)
    prefix = language_prefix(rng)
    params = random_search(catalogue, register, "ja" if prefix else "en", rng)
    return f"{prefix}/{register}/feed.atom?{urlencode(params)}"


def api_v1_record(catalogue, rng):
    register = pick_register(rng)
    return f"/api/v1/{register}/{rng.choice(catalogue.registers[register].slugs)}/"


@dataclass(frozen=True)
class Endpoint:
    name: str
    weight: int
    build: object
    probe: object = None  # registers -> path, for optional endpoints


# Weights: relative frequency in a public register's traffic (search and detail pages most, the home page and
# the one-box search as entry points, machines on the API).
CORE = [
    Endpoint("search initiatives", 12, search_page("initiatives")),
    Endpoint("search researchers", 8, search_page("researchers")),
    Endpoint("search partnerships", 5, search_page("partnerships")),
    Endpoint("detail initiative", 10, detail("initiatives")),
    Endpoint("detail researcher", 7, detail("researchers")),
    Endpoint("detail partnership", 4, detail("partnerships")),
    Endpoint("organization", 4, organization),
    Endpoint("country", 3, country),
    Endpoint("home", 10, home),
    Endpoint("one-box search", 8, one_box),
    Endpoint("api search", 10, api_search()),
]
OPTIONAL = [
    Endpoint("suggestions", 15, suggestions, probe=lambda registers: f"{SUGGESTIONS_PATH}?q=cl"),
    Endpoint("feed", 4, feed, probe=lambda registers: "/initiatives/feed.atom"),
    Endpoint("api v1 search", 5, api_search("v1/"), probe=lambda registers: "/api/v1/initiatives/"),
    Endpoint(
        "api v1 record",
        4,
        api_v1_record,
        probe=lambda registers: f"/api/v1/initiatives/{registers['initiatives'].slugs[0]}/",
    ),
]
