#!/usr/bin/env bash
# Installs what DamagesKit needs and the machine lacks: GSL (libgsl-dev), libxlsxwriter
# (libxlsxwriter-dev, for the Excel workbooks of --format xlsx) and pkg-config, and openpyxl
# (Python) for the tests.
# Idempotent: does nothing when all are present.
set -euo pipefail

# The batch tests write real .xlsx workbooks with openpyxl (Python), as a spreadsheet user's
# tools would.
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import openpyxl' 2>/dev/null; then
  echo "installing openpyxl (Python) for the batch tests' workbooks" >&2
  python3 -m pip install --quiet --disable-pip-version-check openpyxl >&2
fi

if pkg-config --exists gsl 2>/dev/null && pkg-config --exists xlsxwriter 2>/dev/null; then
  exit 0
fi

echo "DamagesKit needs the GNU Scientific Library (libgsl-dev), libxlsxwriter (libxlsxwriter-dev) and pkg-config; installing them." >&2
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "error: not root and no sudo: install them yourself (apt-get install libgsl-dev libxlsxwriter-dev pkg-config)" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libgsl-dev libxlsxwriter-dev pkg-config >/dev/null
elif command -v brew >/dev/null 2>&1; then
  brew install gsl libxlsxwriter pkg-config
elif command -v dnf >/dev/null 2>&1; then
  sudo dnf install -y gsl-devel libxlsxwriter-devel pkgconf-pkg-config
else
  echo "error: no known package manager: install GSL 2.x and libxlsxwriter with their development headers, and pkg-config" >&2
  exit 1
fi

if ! pkg-config --exists gsl; then
  echo "error: GSL is still not visible to pkg-config after installing it" >&2
  exit 1
fi
if ! pkg-config --exists xlsxwriter; then
  echo "error: libxlsxwriter is still not visible to pkg-config after installing it" >&2
  exit 1
fi
echo "GSL $(pkg-config --modversion gsl) and libxlsxwriter $(pkg-config --modversion xlsxwriter) installed." >&2
