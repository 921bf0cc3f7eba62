#!/usr/bin/env bash
# run-fuzzers.sh BUILD_DIR SECONDS [TARGET...] — runs each libFuzzer target (all by
# default) for SECONDS on its seed corpus fuzz/corpus/<target>/, keeping the inputs it
# discovers in BUILD_DIR/corpus/<target>/ (outside git).
#
# A crash stops the run with the fuzzer's report; the input is saved in
# BUILD_DIR/artifacts/. Once the bug is fixed, copy that input into
# fuzz/corpus/<target>/ so that every later run replays it first.
set -euo pipefail

build=$1
seconds=$2
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_tokens fuzz_jwks fuzz_response_input fuzz_campaign fuzz_tenant_org fuzz_privacy)
fi

mkdir -p "$build/artifacts" "$build/logs"
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target"
  log="$build/logs/$target.log"
  echo "== $target: ${seconds}s (log: $log)"
  if ! "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
      "$build/corpus/$target" "$root/fuzz/corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "== $target FAILED: the input is in $build/artifacts/" >&2
    exit 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
done
echo "== all fuzz targets ran ${seconds}s without a crash"
