#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh [--keep DIR] COMMAND [ARGS...]
#
# Starts a server from initdb/pg_ctl in a temporary directory (or DIR with
# --keep, reused on later runs: the benchmark's seeded database lives there),
# exports DATABASE_URL for COMMAND, and stops the server afterwards, whatever
# COMMAND's outcome; the script exits with COMMAND's status. PostgreSQL refuses
# to run as root, so as root the server runs as the unprivileged user
# "postgres" (created if missing); COMMAND itself runs as the caller.
#
# PG_SERVER_OPTIONS adds server settings ("-c shared_buffers=1GB": the benchmark's).
#
# Without the PostgreSQL server binaries it says so and exits 0 (the
# PostgreSQL half is skipped), except under CI=true, where that is a failure.
set -euo pipefail

keep=""
if [ "${1:-}" = "--keep" ]; then
  [ $# -ge 3 ] || { echo "usage: $0 [--keep DIR] COMMAND [ARGS...]" >&2; exit 2; }
  keep="$2"
  shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 [--keep DIR] COMMAND [ARGS...]" >&2; exit 2; }

find_bin() {
  local name="$1" candidate
  if candidate=$(command -v "$name" 2>/dev/null); then
    echo "$candidate"
    return 0
  fi
  # Debian's postgresql package keeps the server binaries off PATH.
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

if ! initdb=$(find_bin initdb) || ! pg_ctl=$(find_bin pg_ctl); then
  msg="PostgreSQL server binaries (initdb, pg_ctl) not found: install the 'postgresql' package."
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: $msg CI requires the PostgreSQL half of the tests." >&2
    exit 1
  fi
  echo "SKIPPED the PostgreSQL half: $msg" >&2
  exit 0
fi
bindir=$(dirname "$(readlink -f "$pg_ctl")")

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  root=$(cd "$keep" && pwd)
else
  root=$(mktemp -d "${TMPDIR:-/tmp}/techdiplo-pg.XXXXXX")
fi
data="$root/data"
sock="$root/sock"
mkdir -p "$sock"

# pg CMD...: run a PostgreSQL program as the server's owner, from a directory it can read.
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  chown -R postgres "$root"
  pg() { (cd "$root" && runuser -u postgres -- "$@"); }
else
  pg() { (cd "$root" && "$@"); }
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  pg "$pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  if [ -z "$keep" ]; then rm -rf "$root"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -f "$data/PG_VERSION" ]; then
  # UTF-8 with a UTF-8 locale: Japanese text, and pg_trgm, need it.
  pg "$initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; exit 1; }
fi

# Durability off: a throwaway test server, and much faster.
pg "$pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start \
  -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_SERVER_OPTIONS:-}" \
  >/dev/null || { cat "$root/server.log" >&2; exit 1; }

if ! pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'techdiplo'" \
  | grep -q 1; then
  pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres techdiplo
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/techdiplo"
echo "PostgreSQL $("$pg_ctl" --version | awk '{print $3}') on port $port (data in $data)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
