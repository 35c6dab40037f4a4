"""Crawl every public page and API answer of a running site, save the bodies, and compare two crawls.

    python scripts/crawl.py fetch http://127.0.0.1:8000 /tmp/crawl-a [--user analyst --password ...]
    python scripts/crawl.py diff /tmp/crawl-a /tmp/crawl-b
    python scripts/crawl.py grep /tmp/crawl-a 'e-mail@|consent'    # what must never be public

``fetch`` starts from the home pages (both languages), robots.txt, the sitemaps (every URL they list), the
API index and the one-box search, and follows every link of the site that a visitor can follow (no
``/admin/``, ``/accounts/``, ``/reports/``, static files). A page whose URL carries a query other than
``page`` is saved but not followed, so filtered searches do not multiply. On each register's search page it
reads the facet checkboxes, the sort menu and the range fields and adds a seeded sample of searches (each
facet alone, pairs and triples of facets with a sort, ranges, text, page 2), each also as the API answers it
(``/api/<register>/?...``, in English and with ``lang=ja``). With ``--user``/``--password`` (an analyst) it
signs in afterwards and downloads each register's exports for a sample of those searches (XLSX saved as
its cells' text, since the file itself carries the time it was written).

Bodies are saved under ``<out>/bodies/`` with ``<out>/index.tsv`` (URL, status, content type, SHA-256,
file), the CSRF token blanked. ``diff`` lists URLs found by only one crawl, and changed statuses, types and
bodies (with the first lines of each body's diff); it exits 1 when anything differs. Standard library only
(openpyxl for XLSX, when installed), so it runs against any server, and later crawls (privacy) can reuse it.
"""

import argparse
import difflib
import hashlib
import http.cookiejar
import io
import random
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/reports/", "/static/", "/media/")
LANGUAGE_PREFIX = re.compile(r"^/(ja)(?=/)")
CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
SEEDS = ["/", "/ja/", "/robots.txt", "/sitemap.xml", "/api/", "/healthz"]
SEEDS += ["/search/?q=climate", "/ja/search/?q=%E6%8A%80%E8%A1%93"]
SEEDS += ["/no-such-page/", "/ja/no-such-page/", "/api/nothing/"]  # the not-found page, from the resolver
# Bad input a visitor may send: each must answer as before (a notice, an ignored value, a 404), never a 500.
BAD_QUERIES = ["page=abc", "page=0", "page=99999", "sort=bogus", "q=%00x", "year_from=20x0", "zzz=1"]
TEXT_QUERIES = ["q=climate", "q=%22research+centre%22", "q=%E7%A0%94%E7%A9%B6", "q=climate&sort=newest"]


class PageParser(HTMLParser):
    """Links, and the search form's facet checkboxes, sort options and range inputs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.checkboxes, self.sorts, self.ranges = [], [], [], []
        self._in_sort = False
        self.search_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("href") and (tag == "a" or (tag == "link" and a.get("rel") in ("canonical", "alternate"))):
            self.links.append(a["href"])
        elif tag == "form" and a.get("id") == "search-form":
            self.search_form = True
        elif tag == "input" and a.get("type") == "checkbox" and a.get("form") == "search-form":
            self.checkboxes.append((a.get("name"), a.get("value")))
        elif tag == "input" and a.get("type") == "number" and a.get("form") == "search-form":
            self.ranges.append(a.get("name"))
        elif tag == "select" and a.get("name") == "sort":
            self._in_sort = True
        elif tag == "option" and self._in_sort and a.get("value"):
            self.sorts.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._in_sort = False


class Crawler:
    def __init__(self, base, out, workers, seed, per_facet):
        self.base = base.rstrip("/")
        self.host = urllib.parse.urlsplit(self.base).netloc
        self.out = out
        self.workers = workers
        self.random = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
        self.per_facet = per_facet
        self.results = {}  # url -> (status, content type, body)
        self.searches = {}  # search page path -> [query strings]
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(self.cookies))

    # Fetching --------------------------------------------------------------------------------------------

    def get(self, url, data=None, headers=None):
        """One request; a 429 (fair use: anonymous clients are limited per minute) is waited out as its
        ``Retry-After`` says and asked again, so a crawl saves the answers, not the limits (``RATE_LIMIT_*=0`` on
        the server makes it faster)."""
        while True:
            status, answer_headers, body = self._get_once(url, data, headers)
            if status != 429:
                return status, answer_headers, body
            time.sleep(int(answer_headers.get("Retry-After", "1")))

    def _get_once(self, url, data, headers):
        request = urllib.request.Request(self.base + url, data=data, headers=headers or {})  # noqa: S310 - http(s) base
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def fetch(self, url):
        status, headers, body = self.get(url)
        content_type = headers.get("Content-Type", "")
        if status in (301, 302, 303, 307, 308):
            body = f"Location: {headers.get('Location', '')}\n".encode()
        return url, status, content_type, body

    def fetch_all(self, urls):
        urls = [u for u in dict.fromkeys(urls) if u not in self.results]
        with ThreadPoolExecutor(self.workers) as pool:
            fetched = list(pool.map(self.fetch, urls))
        for url, status, content_type, body in fetched:
            self.results[url] = (status, content_type, body)
        return fetched

    # What to follow --------------------------------------------------------------------------------------

    def local(self, href, page_url):
        absolute = urllib.parse.urljoin(self.base + page_url, href)
        parts = urllib.parse.urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        if parts.path.startswith(EXCLUDED_PREFIXES) or re.match(r"^/ja(/admin|/accounts|/reports)/", parts.path):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @staticmethod
    def expandable(url):
        query = urllib.parse.urlsplit(url).query
        return all(key == "page" for key, _ in urllib.parse.parse_qsl(query, keep_blank_values=True))

    def crawl(self):
        queue = list(SEEDS)
        while queue:
            fetched = self.fetch_all(queue)
            queue = []
            for url, status, content_type, body in fetched:
                if status != 200:
                    continue
                if "xml" in content_type:
                    locs = re.findall(rb"<loc>([^<]+)</loc>", body)
                    queue += [u for loc in locs if (u := self.local(loc.decode(), url))]
                if "text/html" not in content_type or not self.expandable(url):
                    continue
                parser = PageParser()
                parser.feed(body.decode("utf-8", "replace"))
                queue += [u for href in parser.links if (u := self.local(href, url))]
                path = urllib.parse.urlsplit(url).path
                if parser.search_form and parser.checkboxes and path not in self.searches:
                    self.searches[path] = self.sample_searches(parser)
            queue = [u for u in queue if u not in self.results]
        generated = []
        for path, queries in self.searches.items():
            api = "/api/" + LANGUAGE_PREFIX.sub("", path).strip("/") + "/"
            for query in queries:
                generated.append(f"{path}?{query}")
                if not LANGUAGE_PREFIX.match(path):  # the API has one language, chosen by ?lang=ja
                    generated += [f"{api}?{query}", f"{api}?{query}&lang=ja"]
        self.fetch_all(generated)

    def sample_searches(self, parser):
        """A seeded sample of searches over one search page's facets, sorts and ranges (query strings)."""
        facets = {}
        for name, value in parser.checkboxes:
            facets.setdefault(name, []).append(value)
        pick = self.random
        queries = [f"page={n}" for n in (1, 2)] + BAD_QUERIES + TEXT_QUERIES
        queries += [f"sort={sort}" for sort in parser.sorts]
        for name, values in sorted(facets.items()):
            for value in pick.sample(values, min(self.per_facet, len(values))):
                queries.append(urllib.parse.urlencode({name: value}))
            queries.append(urllib.parse.urlencode([(name, v) for v in values[:2]]) + "&page=1")  # OR within one facet
        names = sorted(facets)
        for size in (2, 3):
            for _ in range(8 if size == 2 else 5):
                chosen = pick.sample(names, min(size, len(names)))
                params = [(name, pick.choice(facets[name])) for name in chosen]
                if parser.sorts:
                    params.append(("sort", pick.choice(parser.sorts)))
                queries.append(urllib.parse.urlencode(params))
        for name in parser.ranges:
            bound = "2010" if name.endswith("_from") else "2018"
            queries.append(f"{name}={bound}")
        if len(parser.ranges) == 2:
            queries.append(f"{parser.ranges[0]}=2020&{parser.ranges[1]}=2005")  # reversed: read as 2005-2020
        first = names[0]
        queries.append(urllib.parse.urlencode({first: facets[first][0], "q": "japan", "page": "2"}))
        return queries

    # Exports, signed in ----------------------------------------------------------------------------------

    def sign_in(self, user, password):
        status, _headers, body = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or token is None:
            raise SystemExit(f"Cannot read the sign-in form ({status}).")
        data = urllib.parse.urlencode(
            {"username": user, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
        ).encode()
        status, _headers, _body = self.get("/accounts/login/", data=data, headers={"Referer": self.base + "/"})
        if status != 302:
            raise SystemExit(f"Signing in as {user} failed ({status}).")

    def exports(self):
        urls = []
        for path, queries in self.searches.items():
            if LANGUAGE_PREFIX.match(path):
                continue
            for query in ["", *queries[-4:]]:
                for fmt in ("csv", "json", "xlsx"):
                    urls.append(f"{path}export.{fmt}" + (f"?{query}" if query else ""))
        self.fetch_all(urls)

    # Saving ----------------------------------------------------------------------------------------------

    def save(self):
        bodies = self.out / "bodies"
        bodies.mkdir(parents=True, exist_ok=True)
        lines = []
        for url in sorted(self.results):
            status, content_type, body = self.results[url]
            body = normalised(content_type, body)
            name = hashlib.sha1(url.encode()).hexdigest()[:20] + ".txt"  # noqa: S324 - a file name, not security
            (bodies / name).write_bytes(body)
            lines.append(f"{url}\t{status}\t{content_type}\t{hashlib.sha256(body).hexdigest()}\t{name}\n")
        (self.out / "index.tsv").write_text("".join(lines), encoding="utf-8")
        return len(lines)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer of its own (saved with its Location)


def normalised(content_type, body):
    body = CSRF.sub(rb"\1-\2", body)
    if "spreadsheetml" in content_type:
        try:
            from openpyxl import load_workbook
        except ImportError:
            return body
        book = load_workbook(io.BytesIO(body), read_only=True)
        text = []
        for sheet in book.worksheets:
            text.append(f"# {sheet.title}")
            text += ["\t".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        return ("\n".join(text) + "\n").encode()
    return body


def read_index(folder):
    entries = {}
    for line in (Path(folder) / "index.tsv").read_text(encoding="utf-8").splitlines():
        url, status, content_type, digest, name = line.split("\t")
        entries[url] = (status, content_type, digest, name)
    return entries


def diff(a, b, lines=20):
    left, right = read_index(a), read_index(b)
    changed = 0
    for url in sorted(left.keys() - right.keys()):
        print(f"only in {a}: {url}")
        changed += 1
    for url in sorted(right.keys() - left.keys()):
        print(f"only in {b}: {url}")
        changed += 1
    for url in sorted(left.keys() & right.keys()):
        (status_a, type_a, digest_a, name_a), (status_b, type_b, digest_b, name_b) = left[url], right[url]
        if (status_a, type_a, digest_a) == (status_b, type_b, digest_b):
            continue
        changed += 1
        print(f"changed: {url} ({status_a} {type_a} -> {status_b} {type_b})")
        text_a = (Path(a) / "bodies" / name_a).read_text(encoding="utf-8", errors="replace").splitlines()
        text_b = (Path(b) / "bodies" / name_b).read_text(encoding="utf-8", errors="replace").splitlines()
        for line in list(difflib.unified_diff(text_a, text_b, lineterm="", n=1))[2 : 2 + lines]:
            print(f"    {line[:200]}")
    same = len(left.keys() & right.keys())
    print(f"{len(left)} and {len(right)} URLs; {same} in both; {changed} differences.")
    return 1 if changed else 0


def grep(folder, pattern):
    found = 0
    regex = re.compile(pattern.encode())
    for url, (_status, _type, _digest, name) in sorted(read_index(folder).items()):
        for match in regex.finditer((Path(folder) / "bodies" / name).read_bytes()):
            print(f"{url}: {match.group(0).decode(errors='replace')}")
            found += 1
    print(f"{found} matches of {pattern!r}.")
    return 1 if found else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fetch = commands.add_parser("fetch", help="crawl a running site into a folder")
    fetch.add_argument("base", help="the site, e.g. http://127.0.0.1:8000")
    fetch.add_argument("out", type=Path)
    fetch.add_argument("--user", help="an analyst's user name: also download the exports")
    fetch.add_argument("--password")
    fetch.add_argument("--workers", type=int, default=2)
    fetch.add_argument("--seed", type=int, default=11)
    fetch.add_argument("--per-facet", type=int, default=6, help="values of each facet searched alone")
    compare = commands.add_parser("diff", help="compare two crawls")
    compare.add_argument("a")
    compare.add_argument("b")
    search = commands.add_parser("grep", help="URLs whose saved body matches a regular expression")
    search.add_argument("folder")
    search.add_argument("pattern")
    args = parser.parse_args(argv)
    if args.command == "diff":
        return diff(args.a, args.b)
    if args.command == "grep":
        return grep(args.folder, args.pattern)
    crawler = Crawler(args.base, args.out, args.workers, args.seed, args.per_facet)
    crawler.crawl()
    if args.user:
        crawler.sign_in(args.user, args.password)
        crawler.exports()
    print(f"{crawler.save()} URLs saved in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
