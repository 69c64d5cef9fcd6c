#!/bin/sh
# svcc export, read by the tools it is for: tests/export.py (Python's csv
# module, SQLite through Python and the sqlite3 program, Backstage's
# catalog model and ajv from npm: tests/node, installed into build/node;
# the TM Forum API definitions vendored in tests/interop/tmf).
# Usage: tests/export.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v sqlite3 >/dev/null; then
    echo "FAIL: the sqlite3 program is not installed (make deps)"
    echo "export: 0 passed, 1 failed"
    exit 1
fi
nodedir=$top/build/node  # one install for every build (check-asan too)
if ! "$top/tests/node/install.sh" "$nodedir"; then
    echo "FAIL: the npm packages of tests/node (@backstage/catalog-model, yaml, ajv) are not installed"
    echo "export: 0 passed, 1 failed"
    exit 1
fi
python3 "$top/tests/export.py" "$svcc" "$tmp" "$nodedir"
