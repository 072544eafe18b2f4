#!/usr/bin/env bash
# Builds the scenario-reader fuzzer (libFuzzer + AddressSanitizer) and runs it for
# FUZZ_SECONDS (default 60). Crashes, leaks and timeouts are written to fuzz/artifacts/ and
# make the script fail; a crash found here becomes a regression test in Tests/DamagesScenarioTests.
#   make fuzz FUZZ_SECONDS=600
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
swift build -c release \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
binary="$(swift build -c release -Xswiftc -sanitize=fuzzer,address \
  -Xcc -fsanitize=fuzzer-no-link,address --show-bin-path)/scenario-fuzzer"
# The working corpus grows between runs; it starts from the bundled scenarios and the test
# fixtures.
mkdir -p corpus artifacts
for seed in ../scenarios/*.yaml seeds/*.yaml; do
  [ -e "corpus/$(basename "$seed")" ] || cp "$seed" corpus/
done
# -max_len: large enough for every bundled scenario; -timeout: a reader that takes seconds
# on a small input is a bug too. Memory is capped so that an allocation blow-up is reported.
"$binary" corpus \
  -dict=scenario.dict -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=artifacts/
