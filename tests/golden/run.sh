#!/bin/sh
# Golden tests.  Each tests/golden/<group>/<case>.svc is given to
# `svcc check` from its own folder, and what svcc prints is compared with
# the files beside it:
#   <case>.expected       text diagnostics (--color never), then "[exit N]"
#   <case>.expected.json  the same run with --diagnostics-format json
#   <case>.expected.ast   the syntax tree (--dump-ast), for the parse/ group,
#                         whose runs all use --dump-ast (parse only)
#   <case>.args           extra command-line options, if any (one line)
# Every examples/*/catalogue.svc must check clean (no output, exit 0).
#
# UPDATE=1 tests/golden/run.sh build/svcc   rewrites the expected files from
# what svcc prints now; review the change with `git diff tests/golden`.
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
update=${UPDATE:-0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# compare NAME EXPECTED ACTUAL
compare() {
    if [ "$update" = 1 ]; then
        cp "$3" "$2"
        pass=$((pass + 1))
    elif [ -f "$2" ] && cmp -s "$2" "$3"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1"
        if [ -f "$2" ]; then diff -u "$2" "$3" | head -40; else echo "  (no $2)"; fi
    fi
}

for src in "$here"/*/*.svc; do
    dir=$(dirname "$src")
    case_=$(basename "$src" .svc)
    name=$(basename "$dir")/$case_
    base=$dir/$case_
    args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    # parse/ cases are about the syntax tree alone: no imports, no semantics.
    [ "$(basename "$dir")" = parse ] && args="--dump-ast $args"
    # shellcheck disable=SC2086
    (cd "$dir" && "$svcc" check --color never $args "$case_.svc" >/dev/null 2>"$tmp/err";
     echo "[exit $?]" >>"$tmp/err")
    compare "$name (text)" "$base.expected" "$tmp/err"
    # shellcheck disable=SC2086
    (cd "$dir" && "$svcc" check --diagnostics-format json $args "$case_.svc" \
        >/dev/null 2>"$tmp/json")
    compare "$name (json)" "$base.expected.json" "$tmp/json"
    if [ "$(basename "$dir")" = parse ]; then
        (cd "$dir" && "$svcc" check --dump-ast "$case_.svc" >"$tmp/ast" 2>/dev/null)
        compare "$name (ast)" "$base.expected.ast" "$tmp/ast"
    fi
done

for cat in "$top"/examples/*/catalogue.svc; do
    [ -f "$cat" ] || continue
    name=examples/$(basename "$(dirname "$cat")")
    if "$svcc" check --color never "$cat" >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name does not check clean"
        head -20 "$tmp/out"
    fi
done

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
