#!/bin/sh
# Golden tests.  Each tests/golden/<group>/<case>.svc is run through svcc
# from its own folder, and what svcc prints is compared with the files
# beside it:
#   <case>.expected       text diagnostics (--color never), then "[exit N]"
#   <case>.expected.json  the same run with --diagnostics-format json
#   <case>.expected.out   what the command writes on standard output
#                         (build: the catalogue JSON; graph; impact)
#   <case>.expected.ast   parse/ only: the syntax tree (--dump-ast)
#   <case>.args           extra command-line options, if any (one line)
# The group names the command: build/ runs `svcc build`, graph/ `svcc
# graph`, impact/ `svcc impact` (the service comes from .args), report/
# `svcc report` (its JSON outputs validated against report.schema.json),
# fmt/ `svcc fmt` (the formatted text is the output), every other group
# `svcc check`;
# parse/ cases run with --dump-ast (parse only).
#
# Every examples/*/catalogue.svc must check clean (no output, exit 0).
# The catalogue JSON of every example and of every golden case that checks
# without errors is validated against schema/catalogue.schema.json.
#
# UPDATE=1 tests/golden/run.sh build/svcc   rewrites the expected files from
# what svcc prints now; review the change with `git diff tests/golden`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
update=${UPDATE:-0}
. "$(dirname "$0")/../lib.sh"
mkdir "$tmp/json" "$tmp/report"

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

n=0
for src in "$here"/*/*.svc; do
    dir=$(dirname "$src")
    group=$(basename "$dir")
    case_=$(basename "$src" .svc)
    name=$group/$case_
    base=$dir/$case_
    args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    case $group in
        build | graph | impact | fmt | report) cmd=$group ;;
        parse) cmd=check; args="--dump-ast $args" ;;
        *) cmd=check ;;
    esac
    # shellcheck disable=SC2086
    (cd "$dir" && "$svcc" $cmd --color never "$case_.svc" $args >"$tmp/out" 2>"$tmp/err";
     echo "[exit $?]" >>"$tmp/err")
    compare "$name (text)" "$base.expected" "$tmp/err"
    # shellcheck disable=SC2086
    (cd "$dir" && "$svcc" $cmd --diagnostics-format json "$case_.svc" $args \
        >/dev/null 2>"$tmp/json.err")
    compare "$name (json)" "$base.expected.json" "$tmp/json.err"
    case "$args" in *"--format json"*) [ "$group" = report ] && cp "$tmp/out" "$tmp/report/$case_.json" ;; esac
    case $group in
        parse) compare "$name (ast)" "$base.expected.ast" "$tmp/out" ;;
        build | graph | impact | fmt | report) compare "$name (output)" "$base.expected.out" "$tmp/out" ;;
    esac
    # Every case without errors is built, and its JSON validated below.
    case "$group $args" in fmt\ * | *--dump-ast*) continue ;; esac
    if grep -q '^\[exit 0\]$' "$tmp/err"; then
        n=$((n + 1))
        (cd "$dir" && "$svcc" build -q "$case_.svc" -o "$tmp/json/case$n.json") ||
            { fail=$((fail + 1)); echo "FAIL: $name does not build"; }
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
    n=$((n + 1))
    "$svcc" build "$cat" -o "$tmp/json/example$n.json" ||
        { fail=$((fail + 1)); echo "FAIL: $name does not build"; }
    # The report of each example that imports ISO/IEC 20000, on its current edition.
    if grep -qs 'import "\(iso20000\|itil4_iso20000\)"' "$(dirname "$cat")"/*.svc; then
        "$svcc" report "$cat" --framework iso20000_2018 --format json -o "$tmp/report/example$n.json" ||
            { fail=$((fail + 1)); echo "FAIL: $name: no report"; }
    fi
done

echo "golden: $pass passed, $fail failed"
/usr/bin/python3 "$top/tests/validate.py" "$top/schema/catalogue.schema.json" "$tmp"/json/*.json ||
    fail=$((fail + 1))
/usr/bin/python3 "$top/tests/validate.py" "$top/schema/report.schema.json" "$tmp"/report/*.json ||
    fail=$((fail + 1))
# svcc impact --format json: the expected outputs of the JSON cases.
/usr/bin/python3 "$top/tests/validate.py" "$top/schema/impact.schema.json" "$top"/tests/golden/impact/*json.expected.out ||
    fail=$((fail + 1))
[ "$fail" -eq 0 ]
