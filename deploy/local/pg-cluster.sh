#!/usr/bin/env bash
# Manages a private PostgreSQL 15 cluster in a folder, for local runs and tests.
#
#   pg-cluster.sh ensure DIR [PORT]   create (first use) and start the cluster, create roles and database
#   pg-cluster.sh stop DIR            stop it if it runs
#   pg-cluster.sh url DIR ROLE        print the connection URL for npsd_owner, npsd_app or postgres
#
# The cluster listens on 127.0.0.1 only (trust authentication, no unix socket) and keeps
# its port in DIR/port. PostgreSQL refuses to run as root, so as root every server
# command runs as the `postgres` system user, which owns DIR.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DATABASE=npsd

die() { echo "pg-cluster: $*" >&2; exit 1; }

as_cluster_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_super() {
  local dir=$1; shift
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres -d "${PSQL_DB:-postgres}" "$@"
}

init_cluster() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  as_cluster_owner test -w "$dir" ||
    die "the postgres user cannot write $dir (is a parent folder private to root?)"
  as_cluster_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    die "initdb failed, see $dir/initdb.log"
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
log_min_messages = warning
# Ingestion settings (docs/adr/0008): fewer checkpoints, compressed full-page images;
# (docs/adr/0009) new WAL segments are not zero-filled inside a commit.
max_wal_size = 4GB
checkpoint_timeout = 15min
wal_compression = lz4
wal_init_zero = off
${PG_EXTRA_CONF:-}
CONF
  echo "$port" >"$dir/port"
}

start_cluster() {
  local dir=$1
  as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && return 0
  as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >/dev/null ||
    die "PostgreSQL did not start, see $dir/data/server.log"
}

# Creates the owner role (runs migrations), the runtime group the schema grants to, and
# the unprivileged login role npsd serves with (not superuser, no BYPASSRLS, owns nothing).
bootstrap_roles() {
  local dir=$1
  psql_super "$dir" <<'SQL'
SELECT 'CREATE ROLE npsd_owner LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'npsd_owner') \gexec
SELECT 'CREATE ROLE npsd_runtime NOLOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'npsd_runtime') \gexec
SELECT 'CREATE ROLE npsd_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE npsd_runtime'
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'npsd_app') \gexec
SELECT 'CREATE DATABASE npsd OWNER npsd_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'npsd') \gexec
-- A session a crashed call leaves idle inside a transaction is ended instead of holding locks.
ALTER ROLE npsd_app SET idle_in_transaction_session_timeout = '60s';
SQL
}

cmd=${1:-}; dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || die "usage: pg-cluster.sh ensure|stop|url DIR [PORT|ROLE]"
case "$cmd" in
  ensure)
    [[ -f "$dir/port" ]] || init_cluster "$dir" "${3:-55432}"
    start_cluster "$dir"
    bootstrap_roles "$dir"
    ;;
  stop)
    [[ -d "$dir/data" ]] || exit 0
    as_cluster_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  url)
    echo "postgresql://${3:-npsd_app}@127.0.0.1:$(cat "$dir/port")/$DATABASE"
    ;;
  *) die "unknown command $cmd" ;;
esac
