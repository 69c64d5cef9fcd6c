#!/bin/sh
# svcc lsp driven by a scripted editor (tests/lsp.py): a session over a copy
# of examples/northwind, each answer checked.  SVCC_WRAP runs the server
# under a tool (valgrind for check-valgrind).
# Usage: tests/lsp.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$top/tests/lsp.py" "$svcc" "$tmp"
