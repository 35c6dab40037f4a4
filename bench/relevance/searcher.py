"""Asking the search what a person would, through its public URLs only (Django's test client, in-process).

Nothing here imports the search's code: only the URL contract of DESIGN.md is assumed, so the evaluation
keeps working whatever moves behind it.

- A register: ``/api/<register>/?q=...&lang=<language>`` in the search's own order (``sort=relevance`` is the
  default under a query), page after page until ``depth`` records; each result's ``slug`` (or the last part
  of its ``url``) names it.
- The one-box: the page ``/search/?q=...`` (``/ja/search/`` in Japanese). What it *shows* are the links to
  records, in the page's order; what it *reaches* in each register is what it shows there plus the first
  ``depth`` records of the register search it links to ("All N ..."), read from that search's API twin.
- "Did you mean": on the search page of the query (register or one-box), the first link to the same page
  with another, non-empty ``q`` is taken as the offered correction.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

from django.test import Client

from .judgments import ONE_BOX, REGISTERS

DEPTH = 20
NAMES = "|".join(REGISTERS)
RECORD_PATH = re.compile(rf"^(?:/ja)?/({NAMES})/([\w-]+)/$")
LIST_PATH = re.compile(rf"^(?:/ja)?/({NAMES})/$")


@dataclass
class Answer:
    """One search's answer: ``ranking`` in order; ``reached`` per register (the one-box), ``count`` in all."""

    ranking: list
    count: int = 0
    reached: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


class Links(HTMLParser):
    """The ``href`` of every ``<a>`` of a page, in document order."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def page_links(html, base):
    parser = Links()
    parser.feed(html)
    return [urlsplit(urljoin(base, href)) for href in parser.hrefs]


def page_path(register, language):
    """The HTML search page of a register (or of the one-box) in the language."""
    name = "search" if register == ONE_BOX else register
    return f"{'/ja' if language == 'ja' else ''}/{name}/"


def same_text(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def slug_of(result):
    return result.get("slug") or urlsplit(result["url"]).path.rstrip("/").rsplit("/", 1)[-1]


class Searcher:
    def __init__(self, client=None, depth=DEPTH):
        self.client = client or Client(raise_request_exception=False)
        self.depth = depth

    def ask(self, register, query, language):
        if register == ONE_BOX:
            return self.one_box(query, language)
        return self.register(register, {"q": query}, language)

    def register(self, register, params, language):
        """The first ``depth`` records of the register's API for these parameters."""
        answer = Answer(ranking=[])
        page = 1
        while len(answer.ranking) < self.depth:
            url = f"/api/{register}/"
            response = self.client.get(url, {**params, "lang": language, "page": page})
            if response.status_code != 200:
                if not (response.status_code == 404 and page > 1):
                    answer.errors.append(f"{url}?q={params.get('q', '')} page {page}: HTTP {response.status_code}")
                break
            data = response.json()
            answer.count = data["count"]
            answer.ranking += [slug_of(result) for result in data["results"]]
            if page >= data["num_pages"] or not data["results"]:
                break
            page += 1
        answer.ranking = answer.ranking[: self.depth]
        return answer

    def one_box(self, query, language):
        path = page_path(ONE_BOX, language)
        response = self.client.get(path, {"q": query})
        if response.status_code != 200:
            return Answer(ranking=[], errors=[f"{path}?q={query}: HTTP {response.status_code}"])
        links = page_links(response.content.decode(), path)
        shown = [f"{m[1]}/{m[2]}" for link in links if not link.query and (m := RECORD_PATH.match(link.path))]
        answer = Answer(ranking=list(dict.fromkeys(shown)))
        answer.reached = {register: [] for register in REGISTERS}
        for key in answer.ranking:
            register, slug = key.split("/", 1)
            answer.reached[register].append(slug)
        for link in links:
            params = {name: values[0] for name, values in parse_qs(link.query).items()}
            listing = LIST_PATH.match(link.path)
            if not listing or not same_text(params.get("q", ""), query):
                continue  # not a continuation of this search (a facet link, a chip)
            register = listing[1]
            more = self.register(register, params, language)
            answer.count += more.count
            answer.errors += more.errors
            answer.reached[register] = list(dict.fromkeys(answer.reached[register] + more.ranking))
        return answer

    def suggestion(self, register, query, language):
        """The correction the search page offers for ``query`` ("Did you mean ..."), or None."""
        path = page_path(register, language)
        response = self.client.get(path, {"q": query})
        if response.status_code != 200:
            return None
        return offered_correction(response.content.decode(), path, query)


def offered_correction(html, path, query):
    """The ``q`` of the first link to the page itself (``path``) that asks for something else than ``query``.

    Links that keep the query (pagination, sorts, chips that remove a facet) or drop it (the chip that clears
    the text) are not corrections.
    """
    for link in page_links(html, path):
        offered = parse_qs(link.query).get("q", [""])[0]
        if link.path == path and offered.strip() and not same_text(offered, query):
            return offered
    return None
