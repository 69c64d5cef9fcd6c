#!/bin/sh
# Command-line behaviour: help, version, exit statuses, standard input,
# colour choice, unreadable files.  Usage: tests/cli.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# expect NAME STATUS COMMAND...: run COMMAND, check its exit status; its
# stdout is in $tmp/out and its stderr in $tmp/err for later checks.
expect() {
    name=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $name: exit $got, expected $want"
        head -5 "$tmp/err"
    fi
}

# contains NAME FILE TEXT: FILE holds TEXT.
contains() {
    if grep -qF -- "$3" "$2"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1: '$3' not in $(basename "$2")"
        head -5 "$2"
    fi
}

# empty NAME FILE: FILE is empty.
empty() {
    if [ ! -s "$2" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1: $(basename "$2") is not empty"
        head -5 "$2"
    fi
}

printf 'catalogue c "C" {\n  version "1"\n  provider "P"\n}\n' >"$tmp/good.svc"
printf 'team t "T" {\n  email , "t@example.org"\n}\n' >"$tmp/bad.svc"
printf 'catalogue c "C" {\n  version "1"\n  provider "P"\n}\n/// dangling\n' >"$tmp/warn.svc"

expect "--help" 0 "$svcc" --help
contains "--help on stdout" "$tmp/out" "usage: svcc COMMAND"
empty "--help leaves stderr alone" "$tmp/err"
expect "-h" 0 "$svcc" -h
contains "-h on stdout" "$tmp/out" "Commands:"
expect "--version" 0 "$svcc" --version
contains "--version on stdout" "$tmp/out" "svcc 0."
expect "-V" 0 "$svcc" -V

expect "no arguments" 2 "$svcc"
contains "no arguments prints usage" "$tmp/err" "usage: svcc"
expect "unknown command" 2 "$svcc" frobnicate x.svc
contains "unknown command named" "$tmp/err" "unknown command 'frobnicate'"
expect "unknown option" 2 "$svcc" check --frob "$tmp/good.svc"
contains "unknown option named" "$tmp/err" "unknown option '--frob'"
expect "unknown short option" 2 "$svcc" check -z "$tmp/good.svc"
contains "unknown short option named" "$tmp/err" "unknown option '-z'"
expect "missing file" 2 "$svcc" check
contains "missing file said" "$tmp/err" "check: no input file"
expect "two files" 2 "$svcc" check "$tmp/good.svc" "$tmp/good.svc"
expect "bad --color" 2 "$svcc" check --color sometimes "$tmp/good.svc"
expect "bad --diagnostics-format" 2 "$svcc" check --diagnostics-format xml "$tmp/good.svc"
expect "unknown -W" 2 "$svcc" check -Wno-E0101 "$tmp/good.svc"
contains "unknown -W named" "$tmp/err" "unknown warning option '-Wno-E0101'"
expect "option needs a value" 2 "$svcc" check "$tmp/good.svc" --color
contains "option needs a value said" "$tmp/err" "option '--color' needs a value"

expect "clean file" 0 "$svcc" check "$tmp/good.svc"
empty "clean file prints nothing" "$tmp/err"
empty "check writes nothing on stdout" "$tmp/out"
expect "file with errors" 1 "$svcc" check --color never "$tmp/bad.svc"
contains "error in GCC shape" "$tmp/err" "bad.svc:2:9: error: expected a value, '{', '}' or end of line after 'email' but found ',' [E0101]"
expect "warnings alone exit 0" 0 "$svcc" check "$tmp/warn.svc"
expect "-Werror promotes" 1 "$svcc" check -Werror "$tmp/warn.svc"
expect "-W error (separate) promotes" 1 "$svcc" check -W error "$tmp/warn.svc"
expect "-Werror=CODE promotes" 1 "$svcc" check -Werror=W0101 "$tmp/warn.svc"
expect "-Wno-CODE silences" 0 "$svcc" check -Wno-W0101 "$tmp/warn.svc"
empty "-Wno-CODE prints nothing" "$tmp/err"

expect "standard input" 1 sh -c "'$svcc' check --color never - <'$tmp/bad.svc'"
contains "standard input named" "$tmp/err" "<stdin>:2:9: error"
expect "missing file" 2 "$svcc" check --color never "$tmp/none.svc"
contains "missing file explained" "$tmp/err" "svcc: error: cannot open '$tmp/none.svc': No such file or directory [E0901]"
expect "directory as file" 2 "$svcc" check "$tmp"
contains "directory explained" "$tmp/err" "it is a directory"
expect "missing file as JSON" 2 "$svcc" check --diagnostics-format json "$tmp/none.svc"
contains "missing file JSON" "$tmp/err" '"code":"E0901"'

expect "JSON diagnostics" 1 "$svcc" check --diagnostics-format json "$tmp/bad.svc"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["code"]=="E0101" and d[0]["line"]==2' "$tmp/err" 2>/dev/null; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL: JSON diagnostics are not one JSON array"; head -3 "$tmp/err"
fi
expect "JSON with nothing to say" 0 "$svcc" check --diagnostics-format json "$tmp/good.svc"
contains "JSON empty array" "$tmp/err" "[]"

# Modules: -I, then SVCC_PATH, then the standard library.
mkdir -p "$tmp/mods" "$tmp/other"
printf 'person ada "Ada" {\n  email "ada@example.org"\n}\n' >"$tmp/mods/staff.svc"
printf 'person bob "Bob" {\n}\n' >"$tmp/other/staff.svc"
printf 'import "staff"\ncatalogue c "C" {\n  version "1"\n  provider "P"\n  contact "x"\n}\nteam t {\n  lead staff.ada\n}\n' >"$tmp/usemod.svc"
expect "module via -I" 0 "$svcc" check -Wno-W0201 -I "$tmp/mods" "$tmp/usemod.svc"
empty "module via -I is clean" "$tmp/err"
expect "module via -I DIR as one word" 0 "$svcc" check -Wno-W0201 "-I$tmp/mods" "$tmp/usemod.svc"
expect "module not found" 1 "$svcc" check --color never "$tmp/usemod.svc"
contains "module not found said" "$tmp/err" "cannot find module 'staff' [E0801]"
expect "module via SVCC_PATH" 0 env SVCC_PATH="$tmp/none:$tmp/mods" "$svcc" check -Wno-W0201 "$tmp/usemod.svc"
expect "-I before SVCC_PATH" 1 env SVCC_PATH="$tmp/mods" "$svcc" check --color never -I "$tmp/other" "$tmp/usemod.svc"
contains "-I module shadows" "$tmp/err" "unknown person 'staff.ada'"
expect "stdlib found from the build tree" 0 sh -c "printf 'import \"itil4\"\ncatalogue c \"C\" {\n  version \"1\"\n  provider \"P\"\n}\n' | '$svcc' check -"

esc=$(printf '\033[')
expect "--color always" 1 "$svcc" check --color always "$tmp/bad.svc"
contains "--color always colours" "$tmp/err" "$esc"
expect "--color always beats NO_COLOR" 1 env NO_COLOR=1 "$svcc" check --color always "$tmp/bad.svc"
contains "--color always beats NO_COLOR colours" "$tmp/err" "$esc"
expect "auto off a terminal" 1 "$svcc" check "$tmp/bad.svc"
if grep -qF "$esc" "$tmp/err"; then fail=$((fail + 1)); echo "FAIL: colour off a terminal"; else pass=$((pass + 1)); fi
if command -v script >/dev/null 2>&1; then
    script -qec "'$svcc' check '$tmp/bad.svc'" /dev/null >"$tmp/tty" 2>&1
    contains "auto on a terminal colours" "$tmp/tty" "$esc"
    NO_COLOR=1 script -qec "'$svcc' check '$tmp/bad.svc'" /dev/null >"$tmp/tty" 2>&1
    if grep -qF "$esc" "$tmp/tty"; then fail=$((fail + 1)); echo "FAIL: NO_COLOR ignored"; else pass=$((pass + 1)); fi
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
