#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster on a private loopback port.
# The cluster lives in a temporary folder and is stopped and deleted afterwards, so runs never interfere.
set -euo pipefail

pgbin=$(compgen -G "/usr/lib/postgresql/*/bin" | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "PostgreSQL server binaries not found; skipping the PostgreSQL test run." >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi

dir=$(mktemp -d /tmp/triage-pg.XXXXXX)
port=${TRIAGE_TEST_PG_PORT:-54329}
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_owner[@]}" "$pgbin/initdb" -D "$dir/data" -U triage --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"${as_owner[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U triage triage_test

echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port for: $*"
TEST_DATABASE_URL="postgresql+psycopg://triage@127.0.0.1:$port/triage_test" "$@"
