#!/usr/bin/env bash
# `make demo`: a demo tenant on the local npsd of `make run`, filled through npsctl.
#
#   demo.sh BUILD_DIR LOCAL_DIR LISTEN_ADDRESS      (DEMO_RESPONSES=100000 by default, up to 1000000)
#
# When nothing answers on LISTEN_ADDRESS, it starts `make run`'s server in the
# background (log in LOCAL_DIR/demo-npsd.log) and stops it at the end. It then creates a
# tenant and a key, the catalogue of a fictional retailer (regions EMEA > FR > FR-IDF
# ..., brands, business units), three active campaigns, generates DEMO_RESPONSES
# synthetic responses over two years (cli/demo), streams them with
# `npsctl responses import` and prints a benchmark report with `npsctl report`. Each run
# creates a new tenant.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=$1
local_dir=$2
listen=$3
responses=${DEMO_RESPONSES:-100000}
npsd="$build_dir/server/npsd"
npsctl="$build_dir/cli/npsctl"
generator="$build_dir/cli/npsd_demo_data"

started_pid=""
stop_started_server() {
  if [[ -n "$started_pid" ]]; then
    echo "Stopping the npsd this demo started (pid $started_pid)."
    kill -TERM "$started_pid" 2>/dev/null || true
    wait "$started_pid" 2>/dev/null || true
  fi
}
trap stop_started_server EXIT

ensure_server() {
  "$npsd" health --address "$listen" >/dev/null 2>&1 && return 0
  mkdir -p "$local_dir"
  echo "No npsd on $listen: starting one (log: $local_dir/demo-npsd.log)."
  "$here/run-local.sh" "$npsd" "$local_dir" "$listen" >"$local_dir/demo-npsd.log" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 120); do
    "$npsd" health --address "$listen" >/dev/null 2>&1 && return 0
    kill -0 "$started_pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 20 "$local_dir/demo-npsd.log" >&2
  echo "demo: npsd did not become healthy on $listen" >&2
  exit 1
}

create_catalogue() {
  local kind code parent name
  while IFS='|' read -r kind code parent name; do
    "$npsctl" units create --kind "$kind" --code "$code" --name "$name" ${parent:+--parent "$parent"} >/dev/null
  done < <("$generator" catalogue)
  echo "Catalogue: $("$npsctl" units list --limit 0 --field code | wc -l) units (regions EMEA > FR > FR-IDF ..., brands, business units)."
}

# create_campaign NAME TOUCHPOINT BUSINESS_UNIT CHANNEL... prints the id of an ACTIVE campaign.
create_campaign() {
  local name=$1 touchpoint=$2 unit=$3; shift 3
  local channels=() id
  for channel in "$@"; do channels+=(--channel "$channel"); done
  id=$("$npsctl" campaigns create --name "$name" --touchpoint "$touchpoint" --business-unit "$unit" \
    "${channels[@]}" \
    --question "fr-FR=Recommanderiez-vous Acme à un proche ? (0 à 10)" \
    --follow-up "fr-FR=Quelle est la raison principale de votre note ?" \
    --question "en-GB=How likely are you to recommend Acme to a friend? (0 to 10)" \
    --follow-up "en-GB=What is the main reason for your score?" \
    --fatigue-days 30 --field id)
  "$npsctl" campaigns activate "$id" >/dev/null
  echo "$id"
}

# print_report shows the benchmark report: 95 % intervals, Holm-adjusted p-values, and
# only counts for segments below the tenant's minimum sample size.
print_report() {
  local title args
  while IFS='|' read -r title args; do
    printf '\n%s\n' "$title"
    # shellcheck disable=SC2086 # args holds several flags
    "$npsctl" report $args
  done <<'REPORTS'
NPS of every response:|score
By top-level region, each against the rest:|compare --by region
France drilled down (FR's own responses, then each sub-region):|compare --by region --parent FR
By brand:|compare --by brand
Contact-center queues:|compare --by queue
Per quarter, with the change from the previous one:|trend --interval quarter --time-zone UTC
REPORTS
}

(( responses >= 1 && responses <= 1000000 )) || { echo "demo: DEMO_RESPONSES must be 1 to 1000000" >&2; exit 2; }
ensure_server
export NPSCTL_ADDRESS="$listen" NPSCTL_INSECURE=true
NPSCTL_TOKEN=$(cat "$local_dir/operator.key")
export NPSCTL_TOKEN
tenant=$("$npsctl" tenants create --name "Demo retail $(date -u +%Y-%m-%dT%H:%M:%SZ)" --industry retail --field id)
NPSCTL_TOKEN=$("$npsctl" keys create --tenant "$tenant" --name demo --scopes ingest,read,campaigns,privacy,admin \
  --field secret)
echo "Tenant $tenant with an admin key (kept in $local_dir/demo/tenant.key)."
mkdir -p "$local_dir/demo"
(umask 077 && echo "$NPSCTL_TOKEN" >"$local_dir/demo/tenant.key")
create_catalogue
purchase=$(create_campaign "Post-purchase" post-purchase RETAIL web email)
support=$(create_campaign "Customer support" support-contact SERVICES voice_post_call chat)
app=$(create_campaign "Mobile app" in-app RETAIL-ONLINE in_app)
echo "Campaigns (active): post-purchase $purchase, support $support, app $app."

csv="$local_dir/demo/responses.csv"
echo "Generating $responses responses over two years into $csv ..."
"$generator" responses --count "$responses" --campaign "purchase=$purchase" --campaign "support=$support" \
  --campaign "app=$app" --out "$csv"
echo "Streaming them through npsctl responses import:"
"$npsctl" responses import "$csv" --errors "$local_dir/demo/import-errors.csv"
print_report
echo
echo "Explore: NPSCTL_ADDRESS=$listen NPSCTL_INSECURE=true NPSCTL_TOKEN=\$(cat $local_dir/demo/tenant.key) \\"
echo "  $npsctl responses list --region FR-IDF --comment with --limit 10"
