#!/usr/bin/env bash
# The batch benchmark (docs/batch.md): CLAIMS claims × RUNS runs each of the bundled batch's
# template (its rows repeated under new ids), timed and measured against `damages simulate` of
# one of its claims for the same total number of runs, and the peak memory for a tenth of the
# claims, to show that memory does not grow with the number of claims.
#
#   bench/batch.sh [CLAIMS (default 10000)] [RUNS (default 100000)]
set -euo pipefail
cd "$(dirname "$0")/.."
claims="${1:-10000}"
runs="${2:-100000}"
swift build -c release --product damages >/dev/null
bin=.build/release/damages
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

make_claims() {  # N FILE: N rows, the bundled 200 repeated under new ids
  python3 - "$1" "$2" <<'PY'
import csv, sys
n, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.reader(open("scenarios/portfolio/claims.csv", encoding="utf-8")))
head, body = rows[0], rows[1:]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head)
    for i in range(n):
        r = list(body[i % len(body)])
        r[0] = f"C{i:06d}"
        w.writerow(r)
PY
}
make_claims "$claims" "$tmp/claims.csv"
make_claims "$((claims / 10))" "$tmp/tenth.csv"
sed "s/runs: 20000/runs: $runs/" scenarios/portfolio/template.yaml >"$tmp/template.yaml"

measure() {  # LABEL COMMAND…: prints seconds and peak RSS (KiB)
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r seconds rss <"$tmp/time"
  echo "$label $seconds $rss"
}

read -r _ b_s b_rss < <(measure batch "$bin" batch "$tmp/claims.csv" --template "$tmp/template.yaml" --out "$tmp/out.json")
read -r _ t_s t_rss < <(measure tenth "$bin" batch "$tmp/tenth.csv" --template "$tmp/template.yaml" --out "$tmp/tenth.json")
# one claim of the batch as a scenario file, simulated for as many runs as the whole batch
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
t = open(f"{tmp}/template.yaml", encoding="utf-8").read().split("\nportfolio:")[0]
t = t.replace("  works: 1 ", "  works: 5 ").replace("claim: 50000 ", "claim: 75000 ")
open(f"{tmp}/one.yaml", "w", encoding="utf-8").write(t + "\n")
PY
# 10^7 runs at most: beyond that a single simulation switches to its two-pass bounded-memory
# percentiles, which is not the yardstick
total=$((claims * runs))
sim_runs=$(( total < 10000000 ? total : 10000000 ))
read -r _ s_s s_rss < <(measure simulate "$bin" simulate "$tmp/one.yaml" --runs "$sim_runs" --format json)
python3 - "$claims" "$runs" "$b_s" "$b_rss" "$t_s" "$t_rss" "$s_s" "$s_rss" "$sim_runs" <<'PY'
import sys
c, r = int(sys.argv[1]), int(sys.argv[2])
b_s, b_rss, t_s, t_rss, s_s, s_rss, sr = map(float, sys.argv[3:])
print(f"batch    {c:>7,} claims × {r:,} runs: {b_s:7.1f} s  {c * r / b_s / 1e6:6.2f} M runs/s  peak {b_rss / 1024:7.1f} MiB")
print(f"batch    {c // 10:>7,} claims × {r:,} runs: {t_s:7.1f} s  {c // 10 * r / t_s / 1e6:6.2f} M runs/s  peak {t_rss / 1024:7.1f} MiB")
print(f"simulate one claim × {int(sr):,} runs: {s_s:7.1f} s  {sr / s_s / 1e6:6.2f} M runs/s  peak {s_rss / 1024:7.1f} MiB")
print(f"batch / simulate runs per second: {(c * r / b_s) / (sr / s_s):.3f}")
PY
