#!/usr/bin/env bash
# Runs once, when the compose PostgreSQL starts on an empty volume (the image runs
# /docker-entrypoint-initdb.d/*.sh as its superuser). Creates npsd's roles and database
# with the same attributes as deploy/local/pg-cluster.sh, plus passwords, since clients
# connect over the network:
#
#   npsd_owner    LOGIN CREATEDB, owns the database: `npsd migrate`
#   npsd_runtime  NOLOGIN group that each migration grants to
#   npsd_app      LOGIN member of npsd_runtime: `npsd serve` (no superuser, no BYPASSRLS, owns nothing)
set -euo pipefail
: "${NPSD_OWNER_PASSWORD:?}" "${NPSD_APP_PASSWORD:?}"

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$NPSD_OWNER_PASSWORD" -v app_password="$NPSD_APP_PASSWORD" <<'SQL'
CREATE ROLE npsd_owner LOGIN CREATEDB PASSWORD :'owner_password';
CREATE ROLE npsd_runtime NOLOGIN;
CREATE ROLE npsd_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE npsd_runtime
  PASSWORD :'app_password';
-- npsd sets nothing per session; as a role default this also holds behind PgBouncer in
-- transaction mode, where session settings do not follow the client.
ALTER ROLE npsd_app SET idle_in_transaction_session_timeout = '60s';
CREATE DATABASE npsd OWNER npsd_owner;
SQL
