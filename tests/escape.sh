#!/bin/sh
# Every output another program reads, read by that program, with hostile
# names: tests/escape.py.  Mermaid's parser and markdown-it come from npm,
# pinned by tests/node/package-lock.json and installed by
# tests/node/install.sh into build/node (once; again when the lock changes).
# Usage: tests/escape.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
nodedir=$top/build/node  # one install for every build (check-asan too)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$top/tests/node/install.sh" "$nodedir"; then
    echo "FAIL: the npm packages of tests/node (Mermaid, markdown-it) are not installed"
    echo "escape: 0 passed, 1 failed"
    exit 1
fi
python3 "$top/tests/escape.py" "$svcc" "$tmp" "$nodedir/check.mjs"
