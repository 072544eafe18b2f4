#!/usr/bin/env bash
# The main job on the bundled scenarios: validate them all, estimate each, simulate each.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/damages
$bin check scenarios/*.yaml
for f in scenarios/*.yaml; do
  case "$f" in *benchmark.yaml) continue ;; esac
  echo
  echo "════ $f"
  $bin estimate "$f" --lang both
  $bin simulate "$f" --runs 100000 --lang both
done
echo
echo "════ scenarios/benchmark.yaml (10,000,000 runs)"
$bin simulate scenarios/benchmark.yaml --lang en
echo
echo "════ scenarios/portfolio: 200 claims against one platform (a batch with shared findings)"
$bin batch scenarios/portfolio/claims.csv --template scenarios/portfolio/template.yaml \
  --threshold 1000000 --lang both
