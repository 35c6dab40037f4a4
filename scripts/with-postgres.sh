#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh [--keep DIR] COMMAND [ARGS...]
#
# Starts a server from initdb/pg_ctl in a temporary directory (or DIR with
# --keep, reused on later runs: the benchmark's seeded database lives there),
# exports DATABASE_URL for COMMAND, and stops the server afterwards, whatever
# COMMAND's outcome. PostgreSQL refuses to run as root, so as root the server
# runs as the unprivileged user "postgres".
#
# Without the PostgreSQL server binaries it says so and exits 0 (the
# PostgreSQL half is skipped), except under CI=true, where that is a failure.
set -euo pipefail

keep=""
if [ "${1:-}" = "--keep" ]; then
  keep="$2"
  shift 2
fi

find_bin() {
  local name="$1" candidate
  if candidate=$(command -v "$name" 2>/dev/null); then
    echo "$candidate"
    return 0
  fi
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

as_pg=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  as_pg=(runuser -u postgres --)
fi

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  root=$(cd "$keep" && pwd)
else
  root=$(mktemp -d "${TMPDIR:-/tmp}/techdiplo-pg.XXXXXX")
fi
data="$root/data"
sock="$root/sock"
mkdir -p "$sock"
[ ${#as_pg[@]} -gt 0 ] && chown -R postgres "$root"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  "${as_pg[@]}" "$pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  [ -z "$keep" ] && rm -rf "$root"
}
trap cleanup EXIT INT TERM

if [ ! -f "$data/PG_VERSION" ]; then
  # UTF-8 with a UTF-8 locale: Japanese text, and pg_trgm, need it.
  "${as_pg[@]}" "$initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; exit 1; }
fi

"${as_pg[@]}" "$pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start \
  -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$root/server.log" >&2; exit 1; }

"${as_pg[@]}" "$(dirname "$pg_ctl")/createdb" -h 127.0.0.1 -p "$port" -U postgres techdiplo 2>/dev/null || true

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/techdiplo"
echo "PostgreSQL $("$pg_ctl" --version | awk '{print $NF}') on port $port (data in $data)" >&2
set +e
"$@"
status=$?
exit $status
