#!/usr/bin/env bash
# Runs a command (ctest) against a throwaway PostgreSQL cluster on a free port, then
# stops and deletes the cluster whatever the command's outcome.
#
# The command sees NPSD_TEST_OWNER_URL (migrations, scratch databases), NPSD_TEST_APP_URL
# (the unprivileged role npsd serves with), NPSD_TEST_SUPERUSER_URL, the cluster's
# control script and folder (NPSD_TEST_PG_CLUSTER, NPSD_TEST_CLUSTER_DIR), and
# NPSD_TEST_PGBOUNCER_URL: the runtime role through PgBouncer in transaction mode.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

cluster=$(mktemp -d /tmp/npsd-test-pg.XXXXXX)
chmod 755 "$cluster"
cleanup() {
  [[ -f "$cluster/pgbouncer/pgbouncer.pid" ]] && kill "$(cat "$cluster/pgbouncer/pgbouncer.pid")" 2>/dev/null
  for dir in "$cluster"/c*; do
    [[ -d "$dir" ]] && "$here/pg-cluster.sh" stop "$dir"
  done
  rm -rf "$cluster"
}
trap cleanup EXIT

# A throwaway cluster needs no crash safety: skip fsync to keep the tests fast, unless
# PG_DURABLE=1 (benchmarks measure real commits).
if [[ "${PG_DURABLE:-0}" != 1 ]]; then
  export PG_EXTRA_CONF="fsync = off
full_page_writes = off"
fi
started=0
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  if "$here/pg-cluster.sh" ensure "$cluster/c$attempt" "$port" 2>/dev/null; then
    cluster_dir="$cluster/c$attempt"
    started=1
    break
  fi
done
[[ $started -eq 1 ]] || { echo "could not start a test PostgreSQL cluster" >&2; exit 1; }

export NPSD_TEST_OWNER_URL=$("$here/pg-cluster.sh" url "$cluster_dir" npsd_owner)
export NPSD_TEST_APP_URL=$("$here/pg-cluster.sh" url "$cluster_dir" npsd_app)
export NPSD_TEST_SUPERUSER_URL=$("$here/pg-cluster.sh" url "$cluster_dir" postgres)
# Fault-injection tests stop and restart the cluster with: $NPSD_TEST_PG_CLUSTER stop|ensure $NPSD_TEST_CLUSTER_DIR
export NPSD_TEST_PG_CLUSTER="$here/pg-cluster.sh"
export NPSD_TEST_CLUSTER_DIR="$cluster_dir"
export NPSD_TEST_PGBOUNCER_URL=$("$here/pgbouncer.sh" "$cluster/pgbouncer" "$(cat "$cluster_dir/port")")
echo "Test PostgreSQL cluster on port $(cat "$cluster_dir/port"), PgBouncer (transaction mode) at $NPSD_TEST_PGBOUNCER_URL"
"$@"
