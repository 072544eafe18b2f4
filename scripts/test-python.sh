#!/usr/bin/env bash
# The tests that read the tool's output the way its users do: CSV through Python's csv module
# and pandas, Excel workbooks through openpyxl. Installs pandas and openpyxl from PyPI when
# they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import pandas' 2>/dev/null; then
  echo "installing pandas for the CSV tests" >&2
  python3 -m pip install --quiet --disable-pip-version-check pandas >&2
fi
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  echo "installing openpyxl for the Excel workbook tests" >&2
  python3 -m pip install --quiet --disable-pip-version-check openpyxl >&2
fi
swift build --product damages >/dev/null
DAMAGES_BIN="$(swift build --show-bin-path)/damages" python3 -m unittest discover -s Tests/python -v
