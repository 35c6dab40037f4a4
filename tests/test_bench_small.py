"""The benchmark at CI size: seed_scale's data has the promised shape, and the harness produces every figure.

No timing assertions: CI machines vary. The full-size run is ``make bench``.
"""

import io
import json
import statistics

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Max, Min

from bench import under_load
from bench.run import ensure_scale_data, run_benchmark, scale_counts
from demo import scale
from directory.models import Country, PolicyArea
from editorial.models import EditorialState
from initiatives.models import Initiative, Participation
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from tests.site_process import database_url_of_tests

COUNTS = {"initiatives": 300, "researchers": 200, "partnerships": 50}
RESULT_KEYS = {
    "search_p50_ms",
    "search_p95_ms",
    "api_p95_ms",
    "api_page100_p95_ms",
    "api_record_p95_ms",
    "detail_p95_ms",
    "feed_p95_ms",
    "admin_facets_p50_ms",
    "admin_over_search_ratio",
    "search_queries_max",
    "csv_seconds",
    "csv_peak_mb",
    "xlsx_seconds",
    "xlsx_peak_mb",
    "json_seconds",
    "suggest_p95_ms",
    "release_seconds",
    "initiatives",
    "researchers",
    "partnerships",
    "figures_overhead_ms",
    "lines_map_p95_ms",
}


def seed_scale(**options):
    call_command("seed_scale", **COUNTS, **options, stdout=io.StringIO())


@pytest.fixture
def seeded(db):
    seed_scale()


def link_counts():
    """Rows in the tables that hang off the scale records: a fingerprint of one seeded data set."""
    scale_initiatives = Initiative.objects.filter(slug__startswith=scale.PREFIX)
    return {
        "areas": Initiative.policy_areas.through.objects.filter(initiative__in=scale_initiatives).count(),
        "countries": Initiative.countries.through.objects.filter(initiative__in=scale_initiatives).count(),
        "participations": Participation.objects.filter(initiative__in=scale_initiatives).count(),
    }


def test_seed_scale_creates_the_requested_number_of_records(seeded):
    assert scale.existing_counts() == COUNTS


def test_a_few_partner_countries_carry_most_initiatives(seeded):
    per_country = list(
        Country.objects.annotate(n=Count("initiatives")).filter(n__gt=0).order_by("-n").values_list("n", flat=True)
    )
    assert len(per_country) >= 20  # a long tail of small partners...
    assert per_country[0] >= 10 * statistics.median(per_country)  # ...and a few big ones


def test_policy_areas_are_skewed_but_all_used(seeded):
    per_area = list(PolicyArea.objects.annotate(n=Count("initiatives")).values_list("n", flat=True))
    assert min(per_area) > 0
    assert max(per_area) >= 3 * min(per_area)


def test_every_initiative_has_one_to_three_areas_and_one_to_five_partner_countries(seeded):
    ranges = (
        Initiative.objects.filter(slug__startswith=scale.PREFIX)
        .annotate(areas=Count("policy_areas", distinct=True), partners=Count("countries", distinct=True))
        .aggregate(Min("areas"), Max("areas"), Min("partners"), Max("partners"))
    )
    assert ranges == {"areas__min": 1, "areas__max": 3, "partners__min": 1, "partners__max": 5}


def test_most_records_are_published_and_most_researchers_consented(seeded):
    drafts = Initiative.objects.filter(editorial_state=EditorialState.DRAFT).count()
    assert 0 < drafts < COUNTS["initiatives"] * 0.1
    assert Researcher.objects.published().count() > COUNTS["researchers"] * 0.8
    assert Researcher.objects.filter(consent_to_publish=False).exists()


def test_scale_text_has_real_words_and_some_japanese(seeded):
    assert Initiative.objects.filter(summary__icontains="climate").exists()
    assert Initiative.objects.exclude(title_ja="").count() > COUNTS["initiatives"] * 0.2


def test_seeding_twice_without_clear_is_refused(seeded):
    with pytest.raises(CommandError, match="--clear"):
        seed_scale()


def test_reseeding_with_clear_gives_the_same_data(seeded):
    before = link_counts()
    seed_scale(clear=True)
    assert scale.existing_counts() == COUNTS
    assert link_counts() == before


def test_scale_option_small_means_two_thousand_initiatives():
    assert scale_counts("small") == {"initiatives": 2000, "researchers": 1000, "partnerships": 200}
    assert scale_counts("10000")["initiatives"] == 10_000


def test_bench_harness_writes_every_headline_figure(seeded, tmp_path):
    out = tmp_path / "results.json"
    run_benchmark(repeat=1, admin_repeat=1, detail_samples=2, out=out)

    results = json.loads(out.read_text())
    assert results.keys() >= RESULT_KEYS
    assert {key: results[key] for key in COUNTS} == COUNTS
    search_statuses = {row["case"]: row["search"]["status"] for row in results["cases"]}
    assert set(search_statuses.values()) == {"ok"}, search_statuses
    assert all(row["admin"]["status"] == "ok" for row in results["cases"])
    assert results["editor_changelists"]
    assert results["editor_changelists"]["curation"]["queries"] > 0  # the curation page was measured
    assert all(r["status"] == "ok" for r in results["editor_changelists"].values()), results["editor_changelists"]
    assert results["search_queries_max"] > 0
    assert {r["status"] for r in results["feeds"].values()} == {"ok"}, results["feeds"]
    assert {r["status"] for r in results["release"].values()} == {"ok"}, results["release"]
    assert results["release"]["next"]["rows"] > sum(COUNTS.values())  # the registers, their links, references
    assert results["feed_p95_ms"] > 0
    page100 = {row["case"]: row["api_page100"] for row in results["cases"]}
    assert {r["status"] for r in page100.values()} == {"ok"}, page100
    assert {r["status"] for r in results["api_records"].values()} == {"ok"} and results["api_record_p95_ms"] > 0
    assert results["workbench"] and all(r["status"] == "ok" for r in results["workbench"].values()), results[
        "workbench"
    ]
    assert results["admin_over_search_ratio"] > 0
    assert {r["status"] for r in results["suggestions"].values()} == {"ok"}, results["suggestions"]
    assert results["suggest_p95_ms"] > 0
    # Each page of the maps' comparison with and without them, at the same number of queries.
    assert results["figures"] and all(
        row["with"]["status"] == row["without"]["status"] == "ok" for row in results["figures"]
    )
    # The maps and timeline read no query of their own; the partnerships' lines map reads two.
    extra = {row["case"]: row["with"]["queries"] - row["without"]["queries"] for row in results["figures"]}
    assert extra == {case: 2 if case.startswith("partnerships") else 0 for case in extra}
    # The lines map over every published partnership, in its two queries, drawn first and again.
    lines = results["lines_map"]
    assert lines["partnerships"] == SubnationalPartnership.objects.published().count() > 0
    assert lines["queries"] == 2 and lines["lines"] > 0
    assert lines["first"]["n"] == lines["again"]["n"] == 1
    assert results["lines_map_p95_ms"] == lines["first"]["p95_ms"] > 0
    # Both renames: the new name finds, at once, the published records linked to the renamed row.
    assert {kind: r["status"] for kind, r in results["renames"].items()} == {"country": "ok", "organization": "ok"}
    assert all(r["found"] > 0 for r in results["renames"].values()), results["renames"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_detail_page_is_timed_alone_and_while_three_exports_run_on_a_real_gunicorn():
    seed_scale()
    loaded = under_load.run(database_url_of_tests(), samples=5)
    assert loaded["alone"]["status"] == loaded["under_exports"]["status"] == "ok", loaded
    assert loaded["under_exports"]["n"] == 5 and loaded["under_exports"]["p95_ms"] > 0
    assert loaded["exports_finished"] >= 1 and not loaded["errors"], repr(loaded)


def table_bytes(model):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s)", [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_reusing_the_data_compacts_the_registers_tables_and_keeps_every_row():
    seed_scale()
    Initiative.objects.update(title=F("title"))  # every row written again: the table holds two versions of each
    grown, rows = table_bytes(Initiative), list(Initiative.objects.order_by("pk").values_list("pk", "title"))
    messages = []
    ensure_scale_data(COUNTS, log=messages.append)
    assert messages[0].startswith("Reusing the seeded data") and "initiatives_initiative" in messages[-1]
    assert table_bytes(Initiative) < grown
    assert list(Initiative.objects.order_by("pk").values_list("pk", "title")) == rows
