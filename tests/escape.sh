#!/bin/sh
# Every output another program reads, read by that program, with hostile
# names: tests/escape.py.  Mermaid's parser and markdown-it come from npm,
# pinned by tests/node/package-lock.json and installed with `npm ci` into
# build/node (once; again when the lock file changes).
# Usage: tests/escape.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
nodedir=$top/build/node  # one install for every build (check-asan too)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! cmp -s "$top/tests/node/package-lock.json" "$nodedir/package-lock.json" 2>/dev/null ||
    [ ! -d "$nodedir/node_modules/mermaid" ]; then
    rm -rf "$nodedir"
    mkdir -p "$nodedir"
    cp "$top/tests/node/package.json" "$top/tests/node/package-lock.json" "$nodedir/"
    if ! (cd "$nodedir" && timeout 600 npm ci --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1); then
        echo "FAIL: npm ci of tests/node (Mermaid, markdown-it) failed:"
        tail -20 "$tmp/npm.log"
        rm -f "$nodedir/package-lock.json"
        echo "escape: 0 passed, 1 failed"
        exit 1
    fi
fi
cp "$top/tests/node/check.mjs" "$nodedir/check.mjs"
python3 "$top/tests/escape.py" "$svcc" "$tmp" "$nodedir/check.mjs"
