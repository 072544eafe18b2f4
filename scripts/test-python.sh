#!/usr/bin/env bash
# The tests that read the tool's output the way its users do: CSV through Python's csv module
# and pandas. Installs pandas from PyPI when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import pandas' 2>/dev/null; then
  echo "installing pandas for the CSV tests" >&2
  python3 -m pip install --quiet --disable-pip-version-check pandas >&2
fi
swift build --product damages >/dev/null
DAMAGES_BIN="$(swift build --show-bin-path)/damages" python3 -m unittest discover -s Tests/python -v
