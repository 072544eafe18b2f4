#!/usr/bin/env bash
# notebooks-data/ is the output of `damages run scenarios --out notebooks-data` (docs/outputs.md, `damages run`).
#   scripts/notebooks-data.sh          regenerate it
#   scripts/notebooks-data.sh --check  fail if regenerating it would change anything
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product damages >/dev/null
bin=.build/release/damages
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  $bin run scenarios --out "$tmp/notebooks-data" >/dev/null
  if ! diff -r notebooks-data "$tmp/notebooks-data" >"$tmp/diff"; then
    head -40 "$tmp/diff" >&2
    echo "error: notebooks-data is stale: run scripts/notebooks-data.sh and commit the result" >&2
    exit 1
  fi
  echo "notebooks-data is current."
else
  rm -rf notebooks-data.new
  $bin run scenarios --out notebooks-data.new >/dev/null
  rm -rf notebooks-data
  mv notebooks-data.new notebooks-data
  echo "notebooks-data regenerated."
fi
