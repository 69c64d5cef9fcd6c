#!/bin/sh
# make install / uninstall into a temporary prefix, from a build folder of
# its own: the installed svcc finds the installed standard library.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

make -s -C "$top" BUILD="$tmp/build" PREFIX=/opt/svcc DESTDIR="$tmp/dest" install >"$tmp/log" 2>&1
check "install with DESTDIR" "[ -x '$tmp/dest/opt/svcc/bin/svcc' ] && [ -f '$tmp/dest/opt/svcc/share/svcc/stdlib/itil4.svc' ]"
make -s -C "$top" BUILD="$tmp/build" PREFIX="$tmp/prefix" install >>"$tmp/log" 2>&1
check "install with PREFIX" "[ -x '$tmp/prefix/bin/svcc' ]"
mkdir "$tmp/elsewhere"
cp "$top/examples/northwind/"*.svc "$tmp/elsewhere/"
check "installed svcc finds the installed stdlib" "'$tmp/prefix/bin/svcc' check '$tmp/elsewhere/catalogue.svc'"
make -s -C "$top" BUILD="$tmp/build" PREFIX="$tmp/prefix" uninstall >>"$tmp/log" 2>&1
check "uninstall" "[ ! -e '$tmp/prefix/bin/svcc' ] && [ ! -e '$tmp/prefix/share/svcc' ]"
[ "$fail" -eq 0 ] || cat "$tmp/log"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
