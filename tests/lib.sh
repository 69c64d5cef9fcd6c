# Sourced by the test scripts, with the path of svcc as $1: sets $svcc (an
# absolute path), $tmp (a folder removed on exit) and the pass/fail
# counters, which ok and bad MESSAGE count.  When SVCC_WRAP is set (make
# check-valgrind), $svcc becomes a script that runs the real svcc under
# that tool.
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# "Today", for the checks that date (stale assessments, overdue actions): a
# fixed day, so that expected files and examples stay true as time passes.
SOURCE_DATE_EPOCH=1795996800 # 2026-11-30
export SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if [ -n "${SVCC_WRAP:-}" ]; then
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$SVCC_WRAP" "$svcc" >"$tmp/svcc-wrapped"
    chmod +x "$tmp/svcc-wrapped"
    svcc=$tmp/svcc-wrapped
fi
