#!/usr/bin/env bash
# notebooks-data/ is the output of `damages run scenarios --out notebooks-data` (docs/outputs.md, `damages run`),
# plus the bundled batch's per-claim table and portfolio (scenarios/portfolio, docs/batch.md) in
# notebooks-data/portfolio/, described in the same data dictionary.
#   scripts/notebooks-data.sh          regenerate it
#   scripts/notebooks-data.sh --check  fail if regenerating it would change anything
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product damages >/dev/null
bin=.build/release/damages
# everything notebooks-data/ holds, written into the folder $1
generate() {
  $bin run scenarios --out "$1" >/dev/null
  mkdir -p "$1/portfolio"
  local batch=(batch scenarios/portfolio/claims.csv --template scenarios/portfolio/template.yaml
    --threshold 1000000 --threshold 2000000)
  $bin "${batch[@]}" --shape wide --out "$1/portfolio/claims.csv"
  $bin "${batch[@]}" --out "$1/portfolio/batch.csv"
  cat scenarios/portfolio/data-dictionary.md >>"$1/README.md"
}
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp/notebooks-data"
  if ! diff -r notebooks-data "$tmp/notebooks-data" >"$tmp/diff"; then
    head -40 "$tmp/diff" >&2
    echo "error: notebooks-data is stale: run scripts/notebooks-data.sh and commit the result" >&2
    exit 1
  fi
  echo "notebooks-data is current."
else
  rm -rf notebooks-data.new
  generate notebooks-data.new
  rm -rf notebooks-data
  mv notebooks-data.new notebooks-data
  echo "notebooks-data regenerated."
fi
