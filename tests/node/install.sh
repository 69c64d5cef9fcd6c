#!/bin/sh
# Install the pinned npm packages of tests/node (package-lock.json) into
# DIR with `npm ci`, unless DIR already holds that exact lock's install.
# Prints why on failure and exits 1.  Usage: tests/node/install.sh DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=$1
if cmp -s "$here/package-lock.json" "$dir/package-lock.json" 2>/dev/null && [ -d "$dir/node_modules" ]; then
    cp "$here"/*.mjs "$dir/"
    exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
cp "$here/package.json" "$here/package-lock.json" "$dir/"
if ! (cd "$dir" && timeout 600 npm ci --no-audit --no-fund --loglevel=error >"$dir/npm.log" 2>&1); then
    echo "npm ci of tests/node failed (it needs Node 20, npm and the npm registry):"
    tail -20 "$dir/npm.log"
    rm -f "$dir/package-lock.json"
    exit 1
fi
cp "$here"/*.mjs "$dir/"
