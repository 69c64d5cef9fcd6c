#!/bin/sh
# Command-line behaviour: help, version, exit statuses, standard input,
# colour choice, unreadable files.  Usage: tests/cli.sh build/svcc
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)

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

# --library: a file without a catalogue checks; it is an option of check only.
printf 'team t "T" {\n  lead p\n}\nperson p "P" {\n  team t\n}\n' >"$tmp/lib.svc"
expect "check without a catalogue" 1 "$svcc" check "$tmp/lib.svc"
contains "no catalogue: E0803" "$tmp/err" "[E0803]"
expect "check --library" 0 "$svcc" check --library "$tmp/lib.svc"
empty "check --library: nothing to say" "$tmp/err"
expect "build --library" 2 "$svcc" build --library "$tmp/lib.svc" -o "$tmp/lib.json"
contains "--library is for check" "$tmp/err" "options of 'check'"

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
# Diagnostics show the lines of catalogue sources only (.svc files,
# standard input), never of another file named as the root.
cp "$tmp/bad.svc" "$tmp/bad.txt"
expect "a root not named .svc is checked" 1 "$svcc" check --color never "$tmp/bad.txt"
contains "its error is reported" "$tmp/err" "bad.txt:2:9: error:"
if grep -q '  email , ' "$tmp/err"; then fail=$((fail + 1)); echo "FAIL: a line of a file not named .svc is shown"; else pass=$((pass + 1)); fi
expect "-I with an empty folder name" 2 "$svcc" check -I "" "$tmp/usemod.svc"
contains "-I '' is refused, not read as /" "$tmp/err" "-I needs a folder, not an empty name"
expect "diff -I with an empty folder name" 2 "$svcc" diff -I "" "$tmp/usemod.svc" "$tmp/usemod.svc"
contains "diff -I '' is refused" "$tmp/err" "-I needs a folder, not an empty name"
expect "stdlib found from the build tree" 0 sh -c "printf 'import \"itil4\"\ncatalogue c \"C\" {\n  version \"1\"\n  provider \"P\"\n}\n' | '$svcc' check -"

# Outputs: build, graph, impact.
ex="$(dirname "$0")/../examples/northwind/catalogue.svc"
expect "build to stdout" 0 "$svcc" build "$ex"
contains "build writes catalogue JSON" "$tmp/out" '"format":"svcc.catalogue"'
cp "$tmp/out" "$tmp/first.json"
expect "build -o" 0 "$svcc" build "$ex" -o "$tmp/cat.json"
if cmp -s "$tmp/cat.json" "$tmp/first.json"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: build is not deterministic"; fi
expect "build --output=" 0 "$svcc" build "$ex" --output="$tmp/cat2.json"
if cmp -s "$tmp/cat2.json" "$tmp/first.json"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: --output differs"; fi
if [ "$(stat -c %a "$tmp/cat.json")" = "$(umask 0022; touch "$tmp/m"; stat -c %a "$tmp/m")" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: output file mode"; fi
expect "build of a bad catalogue" 1 "$svcc" build "$tmp/bad.svc" -o "$tmp/cat.json"
if cmp -s "$tmp/cat.json" "$tmp/first.json"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: a failed build touched the earlier output"; fi
expect "failed build writes no stdout" 1 "$svcc" build "$tmp/bad.svc"
empty "failed build stdout" "$tmp/out"
expect "-o into a missing folder" 2 "$svcc" build "$ex" -o "$tmp/nowhere/cat.json"
contains "-o missing folder explained" "$tmp/err" "cannot write '$tmp/nowhere/cat.json'"
contains "-o error code" "$tmp/err" "[E0902]"
cp "$tmp/good.svc" "$tmp/in.svc"
expect "-o naming an input" 2 "$svcc" build "$tmp/in.svc" -o "$tmp/in.svc"
contains "-o input refused" "$tmp/err" "refusing to write '$tmp/in.svc': it is one of the inputs"
if cmp -s "$tmp/in.svc" "$tmp/good.svc"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: input overwritten"; fi
if ls -a "$tmp" | grep -q '^\.'"cat.json"; then fail=$((fail + 1)); echo "FAIL: temporary file left"; else pass=$((pass + 1)); fi
expect "-o is not for check" 2 "$svcc" check "$ex" -o "$tmp/x"
contains "-o misuse said" "$tmp/err" "check: -o is an option of 'build', 'graph', 'report' and 'export'"
expect "--focus is for graph" 2 "$svcc" build "$ex" --focus email
expect "--depth needs --focus" 2 "$svcc" graph "$ex" --depth 2
expect "bad -T" 2 "$svcc" graph "$ex" -T gif
contains "bad -T said" "$tmp/err" "graph: -T takes dot, svg, png, pdf or mermaid, not 'gif'"
expect "bad --with" 2 "$svcc" graph "$ex" --with services
expect "bad --depth" 2 "$svcc" graph "$ex" --focus email --depth -1
expect "unknown --focus" 2 "$svcc" graph "$ex" --focus emial
contains "unknown --focus suggests" "$tmp/err" "did you mean 'email'?"

# Moving a declaration to another file changes only its source.
printf 'import "./more.svc"
catalogue c "C" {
  version "1"
  provider "P"
}
team t "T" {
  lead p
}
' >"$tmp/a.svc"
printf 'person p "P" {
  team t
}
' >"$tmp/more.svc"
printf 'person p "P" {
  team t
}
catalogue c "C" {
  version "1"
  provider "P"
}
team t "T" {
  lead p
}
' >"$tmp/b.svc"
"$svcc" build "$tmp/a.svc" -o "$tmp/a.json" && "$svcc" build "$tmp/b.svc" -o "$tmp/b.json"
if /usr/bin/python3 - "$tmp/a.json" "$tmp/b.json" <<'PY'
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != "source"}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if strip(a) == strip(b) and a != b else 1)
PY
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: moving declarations changed more than source"; fi

for fmt in svg png pdf; do
    expect "graph -T $fmt" 0 "$svcc" graph "$ex" -T $fmt -o "$tmp/g.$fmt"
done
if head -c 200 "$tmp/g.svg" | grep -q "<svg\|<?xml"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: not SVG"; fi
if head -c 8 "$tmp/g.png" | grep -q "PNG"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: not PNG"; fi
if head -c 5 "$tmp/g.pdf" | grep -q "%PDF"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: not PDF"; fi
expect "graph --layout sfdp" 0 "$svcc" graph "$ex" -T svg --layout sfdp -o "$tmp/g2.svg"
expect "graph with everything" 0 "$svcc" graph "$ex" -T svg --with offerings,consumers --cluster owner --legend --focus email --depth all --direction both -o "$tmp/g3.svg"
contains "graph shows names" "$tmp/g3.svg" "Email and Calendar"
expect "impact" 0 "$svcc" impact "$ex" network
contains "impact lists dependents" "$tmp/out" "Services that depend on it: 3 (3 hard, 0 soft)"
expect "impact --format json" 0 "$svcc" impact "$ex" network --format json
expect "impact needs a service" 2 "$svcc" impact "$ex"
expect "impact bad format" 2 "$svcc" impact "$ex" network --format xml

# report: the assessment against a framework.
sm=$top/examples/st_marys/catalogue.svc
expect "report" 0 "$svcc" report "$sm" --framework iso20000_2018
contains "report: coverage" "$tmp/out" "shall (requirements)"
expect "report --format markdown -o" 0 "$svcc" report "$sm" --framework iso20000_2018 --format markdown -o "$tmp/r.md"
contains "report markdown heading" "$tmp/r.md" "# Assessment against ISO/IEC 20000-1:2018"
expect "report --format html -o" 0 "$svcc" report "$sm" --framework iso20000_2018 --format html -o "$tmp/r.html"
contains "report html: one page" "$tmp/r.html" "<!DOCTYPE html>"
expect "report needs --framework" 2 "$svcc" report "$sm"
contains "report needs --framework: says so" "$tmp/err" "--framework ID"
expect "report of no framework" 2 "$svcc" report "$sm" --framework iso9001
contains "report of no framework: E0903" "$tmp/err" "no framework 'iso9001' in the catalogue [E0903]"
expect "report of a service is no framework" 2 "$svcc" report "$sm" --framework ehr
expect "report bad format" 2 "$svcc" report "$sm" --framework iso20000_2018 --format html5
expect "report bad --fail-on" 2 "$svcc" report "$sm" --framework iso20000_2018 --fail-on never
expect "--framework belongs to report" 2 "$svcc" build "$sm" --framework iso20000_2018
rm -f "$tmp/r.txt"
expect "report --fail-on gap: St Mary's has two gaps" 1 "$svcc" report "$sm" --framework iso20000_2018 --fail-on gap -o "$tmp/r.txt"
contains "report --fail-on: still written" "$tmp/r.txt" "Gaps in the requirements"
expect "report --fail-on partial" 1 "$svcc" report "$sm" --framework iso20000_2018 --fail-on partial
expect "report of ITIL 4 --fail-on gap: no shall requirement" 0 "$svcc" report "$sm" --framework itil4 --fail-on gap
expect "--against belongs to report here" 2 "$svcc" build "$sm" --against HEAD

# report --against: the trend since a revision of a throw-away repository.
if command -v git >/dev/null 2>&1; then
    mkdir -p "$tmp/tmpdir" "$tmp/repo"
    cp -r "$top/examples/st_marys" "$tmp/repo/"
    (cd "$tmp/repo" && git init -q && git add . &&
        git -c user.name=t -c user.email=t@example.org commit -qm one) || fail=$((fail + 1))
    sed -i 's/^    status gap$/    status met\n    evidence "Done since"/' "$tmp/repo/st_marys/practices.svc"
    expect "report --against HEAD" 0 env TMPDIR="$tmp/tmpdir" "$svcc" report "$tmp/repo/st_marys/catalogue.svc" \
        --framework iso20000_2018 --against HEAD
    contains "report --against: the section" "$tmp/out" "Since HEAD"
    contains "report --against: a gap met since" "$tmp/out" "newly-met: 8.2.6 Configuration management (gap → met"
    ls -A "$tmp/tmpdir" >"$tmp/left"
    empty "report --against: no temporary folder left" "$tmp/left"
    expect "report --against an unknown revision" 2 "$svcc" report "$tmp/repo/st_marys/catalogue.svc" \
        --framework iso20000_2018 --against no-such-rev
    contains "report --against unknown: says so" "$tmp/err" "cannot give revision 'no-such-rev'"
    printf 'service broken {\n' >>"$tmp/repo/st_marys/practices.svc"
    (cd "$tmp/repo" && git add . && git -c user.name=t -c user.email=t@example.org commit -qm broken) ||
        fail=$((fail + 1))
    git -C "$tmp/repo" checkout -q HEAD~1 -- st_marys/practices.svc
    expect "report --against a revision with errors" 1 "$svcc" report "$tmp/repo/st_marys/catalogue.svc" \
        --framework iso20000_2018 --against HEAD
    contains "report --against errors: says so" "$tmp/err" "the catalogue at 'HEAD' has errors"
fi

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

# svcc fmt
printf 'team  t  {  email "t@x"; lead p }\n' >"$tmp/loose.svc"
printf 'team t {\n  email "t@x"\n  lead p\n}\n' >"$tmp/tidy.svc"
cp "$tmp/loose.svc" "$tmp/loose.orig"
expect "fmt prints" 0 "$svcc" fmt "$tmp/loose.svc"
if cmp -s "$tmp/out" "$tmp/tidy.svc"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt output"; cat "$tmp/out"; fi
if cmp -s "$tmp/loose.svc" "$tmp/loose.orig"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt without -w changed the file"; fi
expect "fmt --check: unformatted" 1 "$svcc" fmt --check "$tmp/loose.svc" "$tmp/tidy.svc"
contains "fmt --check names the file" "$tmp/out" "loose.svc"
if grep -q tidy "$tmp/out"; then fail=$((fail + 1)); echo "FAIL: fmt --check names a formatted file"; else pass=$((pass + 1)); fi
expect "fmt --check: formatted" 0 "$svcc" fmt --check "$tmp/tidy.svc"
empty "fmt --check: formatted prints nothing" "$tmp/out"
chmod 640 "$tmp/loose.svc"
ln -s loose.svc "$tmp/link.svc"
expect "fmt -w" 0 "$svcc" fmt -w "$tmp/link.svc"
if cmp -s "$tmp/loose.svc" "$tmp/tidy.svc"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt -w did not rewrite through the link"; fi
if [ -L "$tmp/link.svc" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt -w replaced the link"; fi
if [ "$(stat -c %a "$tmp/loose.svc")" = 640 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt -w lost the mode"; fi
if ls -a "$tmp" | grep -q '^\.loose'; then fail=$((fail + 1)); echo "FAIL: fmt -w left a temporary file"; else pass=$((pass + 1)); fi
cp "$tmp/bad.svc" "$tmp/bad.orig"
printf 'team t {\n  email "open\n}\n' >"$tmp/broken.svc"
cp "$tmp/broken.svc" "$tmp/broken.orig"
expect "fmt -w: syntax error" 1 "$svcc" fmt -w "$tmp/broken.svc"
contains "fmt reports the syntax error" "$tmp/err" "[E0005]"
if cmp -s "$tmp/broken.svc" "$tmp/broken.orig"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt -w rewrote a file with errors"; fi
expect "fmt standard input" 0 sh -c "'$svcc' fmt - <'$tmp/loose.orig'"
if cmp -s "$tmp/out" "$tmp/tidy.svc"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt - output"; fi
expect "fmt -w standard input" 2 "$svcc" fmt -w -
expect "fmt --check with -w" 2 "$svcc" fmt --check -w "$tmp/tidy.svc"
expect "fmt without a file" 2 "$svcc" fmt
expect "fmt unreadable file" 2 "$svcc" fmt "$tmp/nonexistent.svc"
contains "fmt unreadable file says so" "$tmp/err" "[E0901]"
expect "fmt unknown option" 2 "$svcc" fmt --frob "$tmp/tidy.svc"
expect "fmt --help" 0 "$svcc" fmt --help
contains "fmt --help" "$tmp/out" "usage: svcc fmt"
mkdir -p "$tmp/tree/sub" "$tmp/tree/.hidden"
cp "$tmp/loose.orig" "$tmp/tree/sub/b.svc"
cp "$tmp/loose.orig" "$tmp/tree/a.svc"
cp "$tmp/loose.orig" "$tmp/tree/.hidden/c.svc"
cp "$tmp/loose.orig" "$tmp/tree/notes.txt"
expect "fmt --check on a folder" 1 "$svcc" fmt --check "$tmp/tree"
printf '%s\n' "$tmp/tree/a.svc" "$tmp/tree/sub/b.svc" >"$tmp/want"
if cmp -s "$tmp/out" "$tmp/want"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt --check on a folder lists"; cat "$tmp/out"; fi
expect "fmt -w on a folder" 0 "$svcc" fmt -w "$tmp/tree"
expect "fmt --check on a formatted folder" 0 "$svcc" fmt --check "$tmp/tree"
if cmp -s "$tmp/tree/.hidden/c.svc" "$tmp/loose.orig" && cmp -s "$tmp/tree/notes.txt" "$tmp/loose.orig"; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: fmt -w on a folder touched a hidden folder or another file"; fi
: >"$tmp/empty.svc"
printf '\n\n' >"$tmp/blank.svc"
expect "fmt an empty file" 0 "$svcc" fmt "$tmp/empty.svc"
empty "fmt an empty file prints nothing" "$tmp/out"
expect "fmt --check an empty file" 0 "$svcc" fmt --check "$tmp/empty.svc"
expect "fmt -w blank lines" 0 "$svcc" fmt -w "$tmp/blank.svc"
empty "fmt -w blank lines empties the file" "$tmp/blank.svc"
expect "fmt after options" 2 "$svcc" -q fmt "$tmp/tidy.svc"
contains "fmt after options says where" "$tmp/err" "after the command"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
