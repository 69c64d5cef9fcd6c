#!/bin/sh
# svcc lsp driven by a scripted editor (tests/lsp.py): a session over a copy
# of examples/northwind, each answer checked; then by VS Code's own JSON-RPC
# library over a catalogue of hostile names (tests/node/lsp.mjs: hover's
# Markdown rendered with markdown-it).  SVCC_WRAP runs the server under a
# tool (valgrind for check-valgrind).
# Usage: tests/lsp.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
python3 "$top/tests/lsp.py" "$svcc" "$tmp" || status=1
nodedir=$top/build/node  # one install for every build (check-asan too)
if "$top/tests/node/install.sh" "$nodedir"; then
    node "$nodedir/lsp.mjs" "$svcc" "$tmp" || status=1
else
    echo "FAIL: the npm packages of tests/node (vscode-jsonrpc, markdown-it, jsdom) are not installed"
    status=1
fi
exit $status
