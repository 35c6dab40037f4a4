"""``make loadtest``: serve the benchmark's data as production does and load it with Locust; prints a table and
writes ``bench/loadtest/results-<scale>.json``.

    python -m bench.loadtest.run [--scale 100000|small|N] [--duration 60] [--warmup 15]
                                 [--configs old,new,trivial] [--shapes busy,pausing] [--profile SECONDS]

Runs against ``DATABASE_URL`` (``make loadtest`` starts the benchmark's PostgreSQL server, data kept in
``bench/pgdata/<scale>``, see ``scripts/postgres.py``). Before measuring, in this process: migrate, seed the
scale data unless it is there (``bench/run.py``), make the editor's account with a fresh random password, and
collect the static files. Then, for each gunicorn configuration (``servers.py``), for each load shape
(``SHAPES``), one Locust run: a warm-up that is not counted, then ``--duration`` seconds measured. Everything the
load does goes over HTTP (``locustfile.py``).
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.loadtest import report, sqlstats
from bench.loadtest.cpu import CpuMeter
from bench.loadtest.servers import CONFIGURATIONS, PROJECT_ROOT, Server, production_env

HERE = Path(__file__).resolve().parent
EDITOR = "loadtest-editor"
# name -> (users, pause between a visitor's requests, users started per second)
SHAPES = {
    "busy": (50, "0", 50),  # 50 users without pauses: throughput
    "pausing": (200, "1-3", 50),  # 200 users pausing 1-3 s: a crowd of people reading
    "smoke": (3, "0", 3),  # a few users: does everything answer (the CI test)
}


def prepare(scale):
    """Migrate, seed (or reuse) the scale data, make the editor; returns ``(counts, password)``."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench.run import ensure_scale_data, scale_counts
    from demo import scale as scale_data

    call_command("migrate", verbosity=0)
    ensure_scale_data(scale_counts(scale))
    return scale_data.existing_counts(), make_editor()


def make_editor():
    """The load test's editor: staff, in the Reviewers group (an editor's change to a published record would
    go back to review and leave the public pages: a reviewer's is saved as it is), with a new random password
    each run."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.auth.models import Group

    password = secrets.token_urlsafe(24)
    user, _ = get_user_model().objects.get_or_create(username=EDITOR)
    user.is_staff, user.is_superuser = True, False
    # Hashed as the served site checks it (production's hasher), whatever settings this process runs with.
    user.password = PBKDF2PasswordHasher().encode(password, PBKDF2PasswordHasher().salt())
    user.save()
    user.groups.add(Group.objects.get(name="Reviewers"))
    return password


def collect_static(env):
    """``collectstatic`` as the README's deployment runs it: hashed, compressed files in ``staticfiles/``."""
    command = [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"]
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)  # noqa: S603


def run_locust(port, configuration, shape, duration, warmup, editor_password, out, tour=False, parties=None):
    """One Locust run (headless, in its own process group); returns its summary, with the cores each party
    used while it was measured (``parties``: the server's, see ``cpu.CpuMeter``; Locust's is added)."""
    users, pause, spawn_rate = SHAPES[shape]
    with_editor = "Editor" in configuration.users
    command = [
        sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
        "--users", str(users + with_editor), "--spawn-rate", str(spawn_rate),
        "--run-time", f"{warmup + duration}s", "--stop-timeout", "5", "--exit-code-on-error", "0",
        "--host", f"http://127.0.0.1:{port}", "--loglevel", "WARNING", *configuration.users,
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "LOADTEST_PAUSE": pause,
        "LOADTEST_WARMUP": str(warmup),
        "LOADTEST_TOUR": "1" if tour else "0",
        "LOADTEST_OUT": str(out),
        "LOADTEST_EDITOR_USERNAME": EDITOR,
        "LOADTEST_EDITOR_PASSWORD": editor_password,
    }
    Path(out).unlink(missing_ok=True)
    locust = subprocess.Popen(  # noqa: S603
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    meter = CpuMeter({**(parties or {}), "Locust": ("group", locust.pid)}, warmup, duration)
    meter.start()
    try:
        _, errors = locust.communicate()
    finally:  # interrupted: Locust runs in a session of its own, so Ctrl-C did not reach it
        if locust.poll() is None:
            os.killpg(locust.pid, signal.SIGTERM)
            locust.wait()
    meter.join()
    if locust.returncode != 0 or not Path(out).exists():
        raise RuntimeError(f"Locust failed ({locust.returncode}):\n{errors[-4000:]}")
    summary = json.loads(Path(out).read_text())
    summary["cores_used"] = meter.result
    summary["users"], summary["pause_s"], summary["editor"] = users, pause, with_editor
    return summary


def postmaster_pid(database_url):
    """The PostgreSQL server's main process: the parent of this connection's backend; None when the server
    runs on another machine."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    try:
        with open(f"/proc/{backend}/stat") as stat:
            return int(stat.read().rpartition(")")[2].split()[1])
    except OSError:
        return None


def profile(pid, database_url, start_after, seconds, logs):
    """After the warm-up: py-spy on gunicorn's master and its workers for ``seconds`` (every thread's stack,
    waiting ones too, folded: ``logs/profile.txt``), and PostgreSQL's statements meanwhile (``logs/sql.txt``,
    when the server has pg_stat_statements, see ``sqlstats.py``)."""
    time.sleep(start_after)
    sqlstats.reset(database_url)
    command = [
        str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(pid), "--subprocesses", "--idle",
        "--nonblocking", "--rate", "50", "--duration", str(seconds), "--format", "raw",
        "--output", str(Path(logs) / "profile.txt"),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, check=False)  # noqa: S603
    (Path(logs) / "sql.txt").write_text("\n".join(sqlstats.top(database_url)) + "\n")


def measure(database_url, editor_password, configurations, shapes, duration, warmup, port, logs, **options):
    """Every configuration under every shape; returns ``{configuration: {"label", "command", "shapes": {...}}}``.

    ``options``: ``tour`` (each visitor asks for every endpoint once first), ``profile`` (seconds of profiling
    of the new configuration's busy run, see ``profile()``), ``server_env`` (more variables for the servers,
    e.g. raised rate limits).
    """
    secret = secrets.token_urlsafe(50)
    env = production_env(database_url, secret, options.get("server_env"))
    collect_static(env)
    postmaster = postmaster_pid(database_url)
    results = {}
    for name in configurations:
        configuration = CONFIGURATIONS[name]
        server = Server(configuration, port, env, Path(logs) / f"gunicorn-{name}.log").start()
        results[name] = {"label": configuration.label, "command": " ".join(server.command[1:]), "shapes": {}}
        try:
            for shape in shapes:
                spy = None
                if options.get("profile") and (name, shape) == ("new", "busy"):
                    arguments = (server.pid, database_url, warmup, options["profile"], logs)
                    spy = threading.Thread(target=profile, args=arguments)
                    spy.start()
                load = [round(value, 2) for value in os.getloadavg()]
                out = Path(logs) / f"locust-{name}-{shape}.json"
                parties = {"gunicorn": ("group", server.pid)}
                if postmaster:
                    parties["PostgreSQL"] = ("tree", postmaster)
                summary = run_locust(
                    port, configuration, shape, duration, warmup, editor_password, out, options.get("tour"), parties
                )
                summary["load_average_before"] = load
                results[name]["shapes"][shape] = summary
                print(report.line(name, shape, summary), flush=True)
                if spy:
                    spy.join()
        finally:
            server.stop()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="100000", help='initiatives: a number or "small" (2,000)')
    parser.add_argument("--duration", type=int, default=60, help="seconds measured per shape and configuration")
    parser.add_argument("--warmup", type=int, default=15, help="seconds of load before measuring (not counted)")
    parser.add_argument("--configs", default="old,new,trivial", help=f"among {', '.join(CONFIGURATIONS)}")
    parser.add_argument("--shapes", default="busy,pausing", help=f"among {', '.join(SHAPES)}")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--profile", type=int, default=0, help="seconds of py-spy on the new configuration, busy")
    parser.add_argument("--out", help="default: bench/loadtest/results-<scale>.json")
    parser.add_argument(
        "--server-env", action="append", default=[], metavar="NAME=VALUE", help="for the servers (repeatable)"
    )
    args = parser.parse_args(argv)
    configurations, shapes = args.configs.split(","), args.shapes.split(",")
    unknown = (set(configurations) - set(CONFIGURATIONS)) | (set(shapes) - set(SHAPES))
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    load_at_start = [round(value, 2) for value in os.getloadavg()]
    counts, password = prepare(args.scale)
    scale = counts["initiatives"]
    logs = PROJECT_ROOT / "bench" / "loadtest" / "logs" / str(scale)
    logs.mkdir(parents=True, exist_ok=True)
    out = Path(args.out or HERE / f"results-{scale}.json")
    started = time.monotonic()
    measured = measure(
        os.environ["DATABASE_URL"], password, configurations, shapes, args.duration, args.warmup, args.port, logs,
        profile=args.profile,
        server_env=dict(item.split("=", 1) for item in args.server_env),
    )  # fmt: skip
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        **counts,
        "cores": os.cpu_count(),
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "load_average_at_start": load_at_start,
        "wall_seconds": round(time.monotonic() - started),
        "configurations": measured,
    }
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(report.table(results))
    print(f"\nWrote {out}. Logs in {logs}.")


if __name__ == "__main__":
    main()
