"""The load test's harness at CI size (``make loadtest`` at full size): a real gunicorn of each configuration on
the test database, a few seconds of Locust, and a report with every endpoint counted and no error.

No timing assertions: this proves the harness and the mix work, not how fast the site is.
"""

import io

import pytest
from django.core.management import call_command

from bench.loadtest.mix import CORE, OPTIONAL
from bench.loadtest.run import make_editor, measure
from tests.processes import free_port
from tests.site_process import database_url_of_tests

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EDITOR_STEPS = {"editor sign-in page", "editor sign-in", "editor changelist", "editor change form", "editor save"}


def test_every_endpoint_of_the_mix_is_counted_without_errors_on_each_configuration(tmp_path):
    call_command("seed_scale", initiatives=120, researchers=80, partnerships=20, stdout=io.StringIO())
    password = make_editor()
    report = measure(
        database_url_of_tests(),
        password,
        ["old", "new", "trivial"],
        ["smoke"],
        duration=12,
        warmup=0,
        port=free_port(),
        logs=tmp_path,
        tour=True,
    )
    for name in ("old", "new"):
        run = report[name]["shapes"]["smoke"]
        on = {endpoint for endpoint, state in run["optional_endpoints"].items() if state is True}
        assert set(run["optional_endpoints"]) == {endpoint.name for endpoint in OPTIONAL}
        expected = {endpoint.name for endpoint in CORE} | on | EDITOR_STEPS
        assert set(run["endpoints"]) == expected, name
        for endpoint, row in run["endpoints"].items():
            assert row["requests"] > 0, (name, endpoint)
            assert row["p50_ms"] > 0 and row["p95_ms"] >= row["p50_ms"], (name, endpoint, row)
            assert row["errors"] == 0 and row["rate_limited"] == 0, (name, endpoint, row)
        assert run["error_messages"] == []
        assert run["total"]["requests"] == sum(row["requests"] for row in run["endpoints"].values())
        assert run["total"]["rps"] > 0
        # Who used the cores while it ran: the server's processes, PostgreSQL's and the client's were found.
        assert run["cores_used"]["gunicorn"] > 0 and run["cores_used"]["PostgreSQL"] > 0
        assert run["cores_used"]["Locust"] > 0

    # The ceiling: the trivial view alone, on the new configuration's very command line.
    run = report["trivial"]["shapes"]["smoke"]
    assert set(run["endpoints"]) == {"trivial view"}
    assert run["endpoints"]["trivial view"]["requests"] > 0 and run["total"]["errors"] == 0
    assert report["trivial"]["command"] == report["new"]["command"]
    assert "--workers 3" in report["old"]["command"] and "gunicorn.conf.py" not in report["old"]["command"]
