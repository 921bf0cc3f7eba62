#!/usr/bin/env bash
# `make run`: serves npsd on a local PostgreSQL cluster kept in a git-ignored folder.
#
#   run-local.sh NPSD_BINARY LOCAL_DIR LISTEN_ADDRESS
#
# First use creates the cluster in LOCAL_DIR/pg, an operator credential in
# LOCAL_DIR/operator.key and a master key for personal data in LOCAL_DIR/master.key;
# later uses start the cluster if it is stopped. npsd applies
# pending migrations at start-up and serves plaintext on LISTEN_ADDRESS (development).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$1
local_dir=$2
listen=$3

mkdir -p "$local_dir"
local_dir=$(cd "$local_dir" && pwd)
chmod 755 "$local_dir"
"$here/pg-cluster.sh" ensure "$local_dir/pg"

key_file="$local_dir/operator.key"
if [[ ! -s "$key_file" ]]; then
  (umask 077 && echo "npso_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" >"$key_file")
fi
# The master key protects personal data at rest; losing it makes that data unreadable.
master_key_file="$local_dir/master.key"
if [[ ! -s "$master_key_file" ]]; then
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$master_key_file" && echo >>"$master_key_file")
fi

cat <<MSG

npsd is starting on $listen (plaintext, local development).
Operator credential (TenantService only), from $key_file:

  authorization: Bearer $(cat "$key_file")

Health:        $binary health --address $listen
First tenant:  see README.md, "First calls".
Stop with Ctrl-C; the database keeps running (make distclean removes it).

MSG

exec "$binary" serve \
  --listen "$listen" \
  --database-url "$("$here/pg-cluster.sh" url "$local_dir/pg" npsd_app)" \
  --migration-database-url "$("$here/pg-cluster.sh" url "$local_dir/pg" npsd_owner)" \
  --operator-key-file "$key_file" \
  --master-key-file "$master_key_file" \
  --metrics-listen "${NPSD_METRICS_LISTEN:-localhost:9464}" \
  --insecure
