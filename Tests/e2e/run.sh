#!/usr/bin/env bash
# End-to-end test of `damages serve` in a real browser, and a load test on loopback.
#
# Installs what it needs (headless Chromium, its driver and CJK fonts from the system's
# package manager; Selenium from PyPI), builds `damages`, starts `damages serve` on a free
# loopback port, and runs Tests/e2e/test_page.py against it: a case filled in through the
# form, estimate and simulate checked number by number against `damages estimate|simulate
# --format json`, the CSV download checked byte by byte, bad input, the bundled scenarios,
# then 200 estimate requests from 8 concurrent clients. Screenshots and logs go to
# .build/e2e/ (kept as artifacts, out of git). The server is stopped however the test ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/e2e
mkdir -p "$out"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
{ command -v fc-list >/dev/null 2>&1 && fc-list | grep -i "Noto Sans CJK" >/dev/null; } || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "e2e: error: needs ${missing[*]} (Debian package names); install them and run again" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "e2e: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "e2e: installing selenium"
  python3 -m pip install --quiet selenium
fi

# the same build as `swift test` (tests included), so that after `make test` nothing is rebuilt
swift build --build-tests
binary="$(swift build --show-bin-path)/damages"

# start the server on any free loopback port and read the address it prints; the run cap is
# raised so that a simulation long enough to show its progress fits on a fast build too
"$binary" serve --host 127.0.0.1 --port 0 --max-runs 20000000 --scenarios scenarios >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$out/server.log" | head -n 1 || true)"
  if [ -n "$url" ]; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "e2e: error: damages serve exited before listening:" >&2
    cat "$out/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "e2e: error: damages serve did not print its address within 30 s" >&2
  exit 1
fi
echo "e2e: server at $url"

SE_OFFLINE=true python3 Tests/e2e/test_page.py --url "$url" --binary "$binary" --out "$out"

# hostile clients against a server of its own (1,024 open files at most): idle connections,
# the alias-key bomb, SIGTERM during a simulation; loopback only, bounded in count and time
python3 Tests/e2e/test_hostile.py --binary "$binary"
