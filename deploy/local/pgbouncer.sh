#!/usr/bin/env bash
# Starts PgBouncer in transaction pooling mode in front of a local cluster and prints
# the runtime role's URL through it.
#
#   pgbouncer.sh DIR POSTGRES_PORT
#
# Trust authentication on 127.0.0.1 only, like the cluster itself. PgBouncer refuses to
# run as root, so as root it runs as the `postgres` system user, which owns DIR.
set -euo pipefail
dir=$1
postgres_port=$2
mkdir -p "$dir"
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
npsd = host=127.0.0.1 port=$postgres_port dbname=npsd

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,application_name
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  echo '"npsd_app" ""' >"$dir/users.txt"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- pgbouncer -d -q "$dir/pgbouncer.ini" && started=1 || started=0
  else
    pgbouncer -d -q "$dir/pgbouncer.ini" && started=1 || started=0
  fi
  sleep 0.2
  if [[ $started -eq 1 && -f "$dir/pgbouncer.pid" ]] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; then
    echo "postgresql://npsd_app@127.0.0.1:$port/npsd"
    exit 0
  fi
done
echo "pgbouncer.sh: PgBouncer did not start, see $dir/pgbouncer.log" >&2
exit 1
