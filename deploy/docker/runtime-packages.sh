#!/usr/bin/env bash
# Prints the Debian packages that provide the shared libraries the given binaries link
# directly, one per line: the runtime image installs exactly these (apt adds their own
# dependencies), so a library added to the build never goes missing at run time.
#
#   runtime-packages.sh build/server/npsd build/cli/npsctl
set -euo pipefail

for binary in "$@"; do
  objdump -p "$binary" | awk '$1 == "NEEDED" { print $2 }'
done | sort -u | while read -r soname; do
  path=$(ldconfig -p | awk -v lib="$soname" '$1 == lib { print $NF; exit }')
  [[ -n "$path" ]] || { echo "runtime-packages: $soname not found" >&2; exit 1; }
  file=$(readlink -f "$path")
  # Merged /usr: dpkg may know the file under /lib rather than /usr/lib.
  dpkg -S "$file" 2>/dev/null || dpkg -S "${file#/usr}"
done | cut -d: -f1 | sort -u
