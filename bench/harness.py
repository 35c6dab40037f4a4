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
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Country, PolicyArea
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher

from .admin import ADMIN_PARAMS, PAGE_SIZE
from .memory import PeakRSS

NOT_AVAILABLE = "not available yet"
MIN_SAMPLES = 5
TEXT = "climate"  # a word of the scale vocabulary found in a minority of records
SEARCH_URL = "/initiatives/"
API_URL = "/api/initiatives/"
ADMIN_URL = "/bench-admin/initiatives/initiative/"
EXPORT_URL = "/initiatives/export.{fmt}"
EXPORT_FORMATS = ("csv", "json", "xlsx")


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
        row["admin"] = measure(admin_client, with_query(ADMIN_URL, reference_params), admin_repeat, budget=budget)
        rows.append(row)
    return rows


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
        pks = list(model.objects.published().values_list("pk", flat=True))
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
