"""The measurements of ``make bench``, through Django's test client, against whatever database is configured.

Nothing is cached between requests (the site keeps no cache: every count comes
from PostgreSQL), so each timed request is what a visitor right after an edit
gets. The first request of each case is a warm-up that also
counts the queries; the timed requests run without query capture. A URL that
answers 404 (a feature not built yet) is reported as "not available yet"
instead of failing the run.
"""

import math
import random
import statistics
import time
from collections import Counter
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Count, Q
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Country, Organization, PolicyArea
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from search import Search, registry

from .admin import ADMIN_PARAMS, PAGE_SIZE
from .memory import PeakRSS

NOT_AVAILABLE = "not available yet"
MIN_SAMPLES = 5
TEXT = "climate"  # a word of the scale vocabulary found in a minority of records
BROAD_TEXT = "research"  # a word found in most records
# Japanese queries of one, two and more characters: 国 is in most records' linked names (米国, 中国, 国際 ...).
JAPANESE_TEXTS = {"Japanese, 1 char": "国", "Japanese, 2 chars": "協力", "Japanese, 4 chars": "共同研究"}
SEARCH_URL = "/initiatives/"
API_URL = "/api/initiatives/"
API_V1_URL = "/api/v1/initiatives/"  # with page_size=100: a harvester's page
ADMIN_URL = "/bench-admin/initiatives/initiative/"
EXPORT_URL = "/initiatives/export.{fmt}"
EXPORT_FORMATS = ("csv", "json", "xlsx")
SUGGEST_URL = "/suggest/"


def consume(response):
    """Read the whole body, as a browser would; a streaming response is generated only now.

    The test client closes the response itself once it is read (never close it twice: the second
    close would fire ``request_finished`` and drop the database connection, the test's transaction with it).
    """
    return sum(len(chunk) for chunk in response.streaming_content) if response.streaming else len(response.content)


def percentile(values, fraction):
    """Nearest-rank percentile: with 20 samples, p95 is the 19th fastest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(client, url, repeat, budget=None):
    """``{"status", "p50_ms", "p95_ms", "queries", "n"}`` for ``repeat`` timed GETs of ``url``.

    With ``budget`` (seconds), stops early once that much time went by and ``MIN_SAMPLES`` were taken,
    so a slow reference page cannot stretch the run to hours.
    """
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            consume(response)
        query_count = len(queries)  # now: the next request's start empties the connection's query log
        if response.status_code == 404:
            return {"url": url, "status": NOT_AVAILABLE}
        if response.status_code != 200:
            return {"url": url, "status": f"HTTP {response.status_code}"}
        times = []
        deadline = time.perf_counter() + budget if budget else None
        for _ in range(repeat):
            started = time.perf_counter()
            consume(client.get(url))
            times.append((time.perf_counter() - started) * 1000)
            if deadline and time.perf_counter() > deadline and len(times) >= MIN_SAMPLES:
                break
    except Exception as exc:  # a half-built feature must not stop the other measurements
        return {"url": url, "status": f"error: {exc!r}"[:300]}
    return {
        "url": url,
        "status": "ok",
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": query_count,
        "n": len(times),
    }


def top_by_initiatives(model):
    published = Q(initiatives__editorial_state="published")
    return model.objects.annotate(n=Count("initiatives", filter=published)).order_by("-n", "pk").first()


def search_cases():
    """The six searches: ``{name: (public parameters, reference-admin parameters)}``."""
    area, country = top_by_initiatives(PolicyArea), top_by_initiatives(Country)
    ids = {"area": area.pk if area else 0, "country": country.pk if country else 0}
    three = {"area": area.slug if area else "", "country": country.iso2 if country else "", "status": "active"}
    page = min(50, max(1, Initiative.objects.published().count() // PAGE_SIZE))
    cases = {
        "no filter": {},
        "one facet": {"area": three["area"]},
        "three facets": three,
        "text": {"q": TEXT},
        "text + three facets": {"q": TEXT, **three},
        "broad text": {"q": BROAD_TEXT},
        **{name: {"q": text} for name, text in JAPANESE_TEXTS.items()},
        f"page {page}": {"page": page},
    }
    return {name: (params, admin_params(params, ids)) for name, params in cases.items()}


def admin_params(params, ids):
    """The same search in the changelist's own parameters (related filters take primary keys)."""
    translated = {"_facets": 1}
    for name, value in params.items():
        translated[ADMIN_PARAMS[name]] = ids.get(name, value)
    return translated


def with_query(url, params):
    return f"{url}?{urlencode(params)}" if params else url


def bench_user(username, superuser=False, perms=()):
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": superuser, "is_superuser": superuser}
    )
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return user


def run_searches(repeat, admin_repeat, budget=None):
    anonymous = Client()
    admin_client = Client()
    admin_client.force_login(bench_user("bench-admin", superuser=True))
    rows = []
    for name, (params, reference_params) in search_cases().items():
        row = {"case": name, "params": params}
        page, api = with_query(SEARCH_URL, params), with_query(API_URL, params)
        row["search"] = measure(anonymous, page, repeat, budget=budget)
        row["api"] = measure(anonymous, api, repeat, budget=budget)
        # The same search, 100 a page, from its first page (a deep page of 20 a page may not exist with 100).
        harvest = {**{k: v for k, v in params.items() if k != "page"}, "page_size": 100}
        row["api_page100"] = measure(anonymous, with_query(API_V1_URL, harvest), repeat, budget=budget)
        row["admin"] = measure(admin_client, with_query(ADMIN_URL, reference_params), admin_repeat, budget=budget)
        rows.append(row)
    return rows


def run_renames():
    """Seconds to rename the country and the organization linked to the most initiatives (each in a transaction
    rolled back), the name's index kept by its triggers before the UPDATE returns (records hold the row's token,
    so none is rewritten)."""
    from django.db import transaction

    results = {}
    for kind, model in (("country", Country), ("organization", Organization)):
        top = most_linked_country() if model is Country else top_lead_organization()
        if top is None:
            results[kind] = {"status": NOT_AVAILABLE}
            continue
        with transaction.atomic():
            start = time.perf_counter()
            model.objects.filter(pk=top.pk).update(name=f"{top.name} Renamedland")
            seconds = time.perf_counter() - start
            # What the new name finds at once, in the same transaction: the published records of every register
            # linked to it.
            found = sum(Search(register, QueryDict("q=Renamedland")).total() for register in registry.values())
            transaction.set_rollback(True)
        results[kind] = {"status": "ok", "name": top.name, "seconds": round(seconds, 3), "found": found}
    return results


def most_linked_country():
    """The country the most records name: partner of initiatives, researchers' country, either side of partnerships
    (one count each: a join of all four would multiply them)."""
    totals = Counter()
    relations = ("initiatives", "researchers", "localities__japanese_partnerships", "localities__foreign_partnerships")
    for relation in relations:
        totals.update(dict(Country.objects.annotate(n=Count(relation)).filter(n__gt=0).values_list("pk", "n")))
    return Country.objects.filter(pk=max(totals, key=totals.get)).first() if totals else None


def top_lead_organization():
    published = Q(led_initiatives__editorial_state="published")
    return Organization.objects.annotate(n=Count("led_initiatives", filter=published)).order_by("-n", "pk").first()


def suggestion_cases():
    """What a person types into a search box, a few characters at a time: ``{name: parameters}``."""
    area, country = top_by_initiatives(PolicyArea), top_by_initiatives(Country)
    word = TEXT
    area_ja = (area.name_ja if area else "") or "気候変動"
    country_name = country.name if country else "Viet Nam"
    return {
        "2 characters": {"q": word[:2], "register": "initiatives"},
        "4 characters": {"q": word[:4], "register": "initiatives"},
        "a country's name": {"q": country_name[:5], "register": "initiatives"},
        "Japanese, 2 characters": {"q": area_ja[:2], "register": "initiatives"},
        "Japanese, 3 characters": {"q": area_ja[:3], "register": "initiatives"},
        "site-wide box": {"q": word[:4]},
    }


def run_suggestions(repeat, budget=None):
    """``/suggest/`` as the search boxes call it while a name is typed."""
    client = Client()
    return {
        name: measure(client, with_query(SUGGEST_URL, params), repeat, budget)
        for name, params in suggestion_cases().items()
    }


def run_feeds(repeat, budget=None):
    """The Atom feeds: the initiatives' feed of every search case, each register's whole feed, the one box's."""
    client = Client()
    results = {
        f"initiatives, {name}": measure(client, with_query("/initiatives/feed.atom", params), repeat, budget=budget)
        for name, (params, _reference) in search_cases().items()
        if "page" not in params  # a feed has no pages
    }
    for register in ("researchers", "partnerships"):
        results[register] = measure(client, f"/{register}/feed.atom", repeat, budget=budget)
    results["one search box, text"] = measure(client, with_query("/search/feed.atom", {"q": TEXT}), repeat, budget)
    return results


# The analysts' workbench (issue 15's targets at 100,000 initiatives): the largest cross-tab, every partner country
# × every policy area of all initiatives (p95 ≤ 200 ms), and the network of a search (p95 ≤ 1 s).
WORKBENCH_CASES = {
    "cross-tab country × area": "/workbench/initiatives/crosstab/?rows=country&cols=area",
    "network of organizations": "/workbench/network/?status=active",
    "network of countries": "/workbench/network/?graph=countries",
}


def run_workbench(repeat, budget=None):
    """``{case: measure()}`` of the workbench's pages, as an analyst (the reports permission)."""
    client = Client()
    client.force_login(bench_user("bench-analyst", perms=["accounts.view_reports", "accounts.export_data"]))
    return {name: measure(client, url, repeat, budget=budget) for name, url in WORKBENCH_CASES.items()}


def run_editor_changelists(repeat, budget=None):
    """The editors' real admin: every registered model's changelist, facets off (Django's default)."""
    client = Client()
    client.force_login(bench_user("bench-admin", superuser=True))
    results = {}
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        results[f"{opts.app_label}.{opts.model_name}"] = measure(client, url, repeat, budget=budget)
    # The curation page (issue 16: within 2 s at 100,000 initiatives) and the admin index with its counts.
    results["curation"] = measure(client, reverse("curation"), repeat, budget=budget)
    results["admin index"] = measure(client, reverse("admin:index"), repeat, budget=budget)
    return results


def run_details(samples):
    """One request per sampled published record of each register, and the home page (its figures are the
    registers' whole counts, read at every visit) as many times."""
    client = Client()
    results = {"home": measure(client, reverse("home"), repeat=samples)}
    for register, model in (
        ("initiatives", Initiative),
        ("researchers", Researcher),
        ("partnerships", SubnationalPartnership),
    ):
        pks = list(model.objects.published().order_by("pk").values_list("pk", flat=True))  # the table's order varies
        chosen = random.Random(1).sample(pks, min(samples, len(pks)))  # noqa: S311 (a sample, not a secret)
        times, status = [], "ok"
        for obj in model.objects.filter(pk__in=chosen):
            result = measure(client, obj.get_absolute_url(), repeat=1)
            if result["status"] != "ok":
                status = result["status"]
                break
            times.append(result["p50_ms"])
        if status != "ok" or not times:
            results[register] = {"status": status if times or status != "ok" else "no records"}
            continue
        results[register] = {"status": "ok", "p50_ms": round(statistics.median(times), 1)}
        results[register]["p95_ms"] = round(percentile(times, 0.95), 1)
        results[register]["n"] = len(times)
    return results


def run_api_records(samples):
    """``/api/v1/<register>/<slug>/`` of sampled published records of each register, once each: one record with
    its links, as a harvester or an app reads it."""
    client = Client()
    results = {}
    for register in registry.values():
        pks = list(register.base_queryset().order_by("pk").values_list("pk", flat=True))
        chosen = random.Random(2).sample(pks, min(samples, len(pks)))  # noqa: S311 (a sample, not a secret)
        slugs = register.model.objects.filter(pk__in=chosen).values_list("slug", flat=True)
        runs = [measure(client, f"/api/v1/{register.name}/{slug}/", repeat=1) for slug in slugs]
        failed = next((run["status"] for run in runs if run["status"] != "ok"), None)
        if failed or not runs:
            results[register.name] = {"status": failed or "no records"}
            continue
        times = [run["p50_ms"] for run in runs]
        results[register.name] = {
            "status": "ok",
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "n": len(times),
        }
    return results


def export_client():
    """A signed-in user holding ``accounts.export_data`` (an analyst, not a superuser)."""
    client = Client()
    client.force_login(bench_user("bench-exporter", perms=["accounts.export_data"]))
    return client


def measure_export(fmt, rows):
    """Seconds, rows per second and peak RSS growth of one full export in this process."""
    client = export_client()
    url = EXPORT_URL.format(fmt=fmt)
    try:
        warm = client.get(with_query(url, {"q": "zzzzzz-no-match"}))  # imports and first queries, off the clock
        consume(warm)
        if warm.status_code == 404:
            return {"status": NOT_AVAILABLE}
        if warm.status_code != 200:
            return {"status": f"HTTP {warm.status_code}"}
        with PeakRSS() as peak:
            started = time.perf_counter()
            response = client.get(url)
            size = consume(response)
            seconds = time.perf_counter() - started
    except Exception as exc:
        return {"status": f"error: {exc!r}"[:300]}
    if response.status_code != 200:
        return {"status": f"HTTP {response.status_code}"}
    return {
        "status": "ok",
        "seconds": round(seconds, 2),
        "rows": rows,
        "rows_per_second": round(rows / seconds) if seconds else None,
        "peak_mb": round(peak.growth_mb, 1),
        "bytes": size,
    }
