#!/usr/bin/env bash
# Creates the secrets of deploy/docker/compose.yaml once, next to it (git-ignored):
#
#   secrets/operator.key   operator credential (TenantService)
#   secrets/master.key     256-bit master key protecting personal data: losing it makes
#                          that data unreadable, so back it up apart from the database
#   .env                   database passwords, read by compose for ${...} substitution
#
# Existing files are never replaced. The folder is private to you (0700); the key files
# are 0644 inside it because the container reads them as uid 10001 through bind mounts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

random_hex() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }

mkdir -p "$here/secrets"
chmod 700 "$here/secrets"
if [[ ! -s "$here/secrets/operator.key" ]]; then
  echo "npso_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" >"$here/secrets/operator.key"
fi
if [[ ! -s "$here/secrets/master.key" ]]; then
  random_hex >"$here/secrets/master.key"
  echo >>"$here/secrets/master.key"
fi
chmod 644 "$here/secrets/operator.key" "$here/secrets/master.key"
if [[ ! -s "$here/.env" ]]; then
  (umask 077 && cat >"$here/.env" <<ENV
NPSD_POSTGRES_PASSWORD=$(random_hex)
NPSD_OWNER_PASSWORD=$(random_hex)
NPSD_APP_PASSWORD=$(random_hex)
ENV
  )
fi
echo "Secrets ready in $here/secrets and $here/.env."
