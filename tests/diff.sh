#!/bin/sh
# svcc diff: each tests/diff/<case>/ holds old.svc and new.svc; the report
# in each form is compared with expected.txt, expected.json and
# expected.md there (UPDATE=1 rewrites them).  Then exit statuses
# (--fail-on), bad input, and --against on a throw-away git repository.
# Usage: tests/diff.sh build/svcc
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
update=${UPDATE:-0}


# compare NAME EXPECTED ACTUAL
compare() {
    if [ "$update" = 1 ]; then
        cp "$3" "$2"; ok
    elif [ -f "$2" ] && cmp -s "$2" "$3"; then
        ok
    else
        bad "$1"
        if [ -f "$2" ]; then diff -u "$2" "$3" | head -30; else echo "  (no $2)"; fi
    fi
}

for dir in "$top"/tests/diff/*/; do
    name=diff/$(basename "$dir")
    for form in text:txt json:json markdown:md; do
        fmt=${form%%:*} ext=${form#*:}
        (cd "$dir" && "$svcc" diff --format "$fmt" old.svc new.svc >"$tmp/out" 2>"$tmp/err")
        status=$?
        [ "$status" -eq 0 ] || { bad "$name ($fmt): exit $status"; head -5 "$tmp/err"; continue; }
        [ -s "$tmp/err" ] && { bad "$name ($fmt): wrote to stderr"; head -5 "$tmp/err"; }
        compare "$name ($fmt)" "$dir/expected.$ext" "$tmp/out"
    done
    # The JSON form parses, and its counts add up; schema/diff.schema.json
    # reads every one below.
    mkdir -p "$tmp/json"
    (cd "$dir" && "$svcc" diff --format json old.svc new.svc) >"$tmp/json/$(basename "$dir").json"
    if jq -e '(.changes | length) == (.summary.breaking + .summary.warning + .summary.info)' \
        "$tmp/json/$(basename "$dir").json" >/dev/null; then ok; else
        bad "$name: JSON counts do not add up"; fi
done
if /usr/bin/python3 "$top/tests/validate.py" "$top/schema/diff.schema.json" "$tmp"/json/*.json; then ok; else
    bad "diff JSON does not validate against schema/diff.schema.json"; fi

# expect NAME STATUS COMMAND...
expect() {
    name=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, expected $want"; head -5 "$tmp/err"; fi
}

d=$top/tests/diff
expect "--fail-on breaking, breaking change" 1 "$svcc" diff --fail-on breaking "$d/price_raised/old.svc" "$d/price_raised/new.svc"
grep -q "price-raised" "$tmp/out" && ok || bad "--fail-on still prints the report"
expect "--fail-on breaking, only warnings" 0 "$svcc" diff --fail-on breaking "$d/price_changed/old.svc" "$d/price_changed/new.svc"
expect "--fail-on warning, warnings" 1 "$svcc" diff --fail-on warning "$d/price_changed/old.svc" "$d/price_changed/new.svc"
expect "--fail-on warning, breaking" 1 "$svcc" diff --fail-on warning "$d/price_raised/old.svc" "$d/price_raised/new.svc"
expect "--fail-on warning, info only" 0 "$svcc" diff --fail-on warning "$d/info_changes/old.svc" "$d/info_changes/new.svc"
expect "--fail-on bad level" 2 "$svcc" diff --fail-on info "$d/info_changes/old.svc" "$d/info_changes/new.svc"
expect "--format bad" 2 "$svcc" diff --format html "$d/info_changes/old.svc" "$d/info_changes/new.svc"
expect "one file only" 2 "$svcc" diff "$d/info_changes/old.svc"
expect "three files" 2 "$svcc" diff "$d/info_changes/old.svc" "$d/info_changes/new.svc" "$d/info_changes/new.svc"
expect "unreadable OLD" 2 "$svcc" diff "$tmp/none.svc" "$d/info_changes/new.svc"
grep -q "E0901" "$tmp/err" && ok || bad "unreadable OLD: no E0901"
printf 'team t {\n  email 3\n}\n' >"$tmp/broken.svc"
expect "NEW with errors" 1 "$svcc" diff "$d/info_changes/old.svc" "$tmp/broken.svc"
grep -q "E0202" "$tmp/err" && ok || bad "NEW with errors: error not reported"
[ -s "$tmp/out" ] && bad "NEW with errors: a report was printed" || ok
# Folders: two checkouts side by side.
mkdir -p "$tmp/v1" "$tmp/v2"
cp "$d/price_raised/old.svc" "$tmp/v1/catalogue.svc"
cp "$d/price_raised/new.svc" "$tmp/v2/catalogue.svc"
expect "two folders" 1 "$svcc" diff --fail-on breaking "$tmp/v1" "$tmp/v2"
grep -q "price-raised" "$tmp/out" && ok || bad "two folders: change not found"
cp "$d/price_raised/new.svc" "$tmp/v2/other.svc"
expect "a folder and a file" 1 "$svcc" diff --fail-on breaking "$tmp/v1/" "$tmp/v2/catalogue.svc"
expect "a folder without the file" 2 "$svcc" diff "$tmp/v1" "$tmp/v2/other.svc"
grep -q "cannot open '$tmp/v1/other.svc'" "$tmp/err" && ok || bad "a folder without the file: message"
esc=$(printf '\033[')
expect "--color always" 1 "$svcc" diff --color always --fail-on breaking "$d/items/old.svc" "$d/items/new.svc"
grep -qF "${esc}1;31m[breaking: good-removed]" "$tmp/out" && ok || bad "--color always: no red breaking tag"
expect "--color never" 1 "$svcc" diff --color never --fail-on breaking "$d/items/old.svc" "$d/items/new.svc"
grep -qF "$esc" "$tmp/out" && bad "--color never: colours" || ok
expect "diff --help" 0 "$svcc" diff --help
grep -q "usage: svcc diff" "$tmp/out" && ok || bad "diff --help"

# --against: OLD from git.
if command -v git >/dev/null 2>&1; then
    mkdir -p "$tmp/tmpdir"
    TMPDIR=$tmp/tmpdir
    export TMPDIR
    repo=$tmp/repo
    mkdir -p "$repo/cat"
    cp "$d/price_raised/old.svc" "$repo/cat/catalogue.svc"
    echo "a file named like svcc's own archive" >"$repo/old.tar"
    (cd "$repo" && git init -q && git add . &&
        git -c user.name=t -c user.email=t@example.org commit -qm one) || bad "git setup"
    cp "$d/price_raised/new.svc" "$repo/cat/catalogue.svc"
    expect "--against HEAD" 0 "$svcc" diff --against HEAD "$repo/cat/catalogue.svc"
    grep -q "price-raised" "$tmp/out" && ok || bad "--against HEAD: change not found"
    grep -q "catalogue.svc@HEAD" "$tmp/out" && ok || bad "--against HEAD: label"
    expect "--against with a relative path" 1 sh -c "cd '$repo' && '$svcc' diff --fail-on breaking --against HEAD cat/catalogue.svc"
    expect "--against unknown revision" 2 "$svcc" diff --against no-such-rev "$repo/cat/catalogue.svc"
    grep -q "cannot give revision 'no-such-rev' \[E0901\]" "$tmp/err" && ok || bad "--against unknown revision: message"
    expect "--against outside git" 2 "$svcc" diff --against HEAD "$d/price_raised/new.svc.missing"
    mkdir -p "$tmp/nogit"
    cp "$d/price_raised/new.svc" "$tmp/nogit/c.svc"
    expect "--against not in a work tree" 2 env GIT_CEILING_DIRECTORIES="$tmp" "$svcc" diff --against HEAD "$tmp/nogit/c.svc"
    grep -q "not in a git work tree" "$tmp/err" && ok || bad "--against not in a work tree: message"
    cp "$d/price_raised/new.svc" "$repo/cat/added.svc"
    expect "--against file not in the revision" 2 "$svcc" diff --against HEAD "$repo/cat/added.svc"
    grep -q "does not exist in revision" "$tmp/err" && ok || bad "--against missing file: message"
    [ -z "$(ls "$TMPDIR")" ] && ok || bad "--against left a temporary folder: $(ls "$TMPDIR")"

    # git runs nothing the repository's configuration names: no filter,
    # textconv, fsmonitor, hook or pager.
    printf '*.svc filter=evil diff=evil\n' >"$repo/.gitattributes"
    (cd "$repo" &&
        git config filter.evil.clean cat &&
        git config filter.evil.smudge "touch '$tmp/pwned-smudge'; cat" &&
        git config diff.evil.textconv "touch '$tmp/pwned-textconv'; cat" &&
        git config core.fsmonitor "touch '$tmp/pwned-fsmonitor'; false" &&
        git config core.pager "touch '$tmp/pwned-pager'; cat" &&
        mkdir -p .git/hooks && printf '#!/bin/sh\ntouch %s/pwned-hook\n' "$tmp" >.git/hooks/post-checkout &&
        chmod +x .git/hooks/post-checkout &&
        git add .gitattributes && git -c user.name=t -c user.email=t@example.org commit -qm attrs) ||
        bad "git setup (attributes)"
    rm -f "$tmp"/pwned-*
    expect "--against with hostile git configuration" 0 "$svcc" diff --against HEAD "$repo/cat/catalogue.svc"
    grep -q "price-raised" "$tmp/out" && ok || bad "--against with hostile configuration: change not found"
    [ -z "$(ls "$tmp" | grep pwned)" ] && ok || bad "--against ran a program from git's configuration: $(ls "$tmp" | grep pwned)"

    # NEW reached through a symbolic link: git would run in the repository
    # the link leads to.  Refused.
    mkdir -p "$tmp/elsewhere"
    ln -s "$repo/cat/catalogue.svc" "$tmp/elsewhere/catalogue.svc"
    expect "--against through a link to a file" 2 "$svcc" diff --against HEAD "$tmp/elsewhere/catalogue.svc"
    grep -q "is reached through a symbolic link" "$tmp/err" && ok || bad "--against through a link: message"
    ln -s "$repo/cat" "$tmp/elsewhere/cat"
    expect "--against through a linked folder" 2 sh -c "cd '$tmp/elsewhere' && '$svcc' diff --against HEAD cat/catalogue.svc"
    grep -q "is reached through a symbolic link" "$tmp/err" && ok || bad "--against through a linked folder: message"

    # A signal while the report is written: the temporary tree goes.  Many
    # added services make a report larger than a pipe holds; nobody reads it.
    python3 -c "
import sys
sys.stdout.write(open('$repo/cat/catalogue.svc').read())
for i in range(3000):
    sys.stdout.write('service extra%d \"Extra %d\" {\n  type technical\n  status pipeline\n  owner ops\n  intangibility high\n  heterogeneity low\n  inseparability low\n  perishability low\n}\n' % (i, i))
" >"$tmp/big.svc" && cp "$tmp/big.svc" "$repo/cat/catalogue.svc"
    if "$svcc" check -q "$repo/cat/catalogue.svc" 2>"$tmp/err"; then ok; else bad "big catalogue does not check"; head -5 "$tmp/err"; fi
    mkfifo "$tmp/report"
    env --default-signal "$svcc" diff --against HEAD "$repo/cat/catalogue.svc" >"$tmp/report" 2>"$tmp/err" &
    pid=$!
    exec 3<"$tmp/report"
    n=0
    while [ -z "$(ls "$TMPDIR")" ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
    [ -n "$(ls "$TMPDIR")" ] && ok || bad "--against: no temporary tree seen"
    sleep 0.2
    kill -TERM $pid
    cat <&3 >/dev/null
    exec 3<&-
    wait $pid
    [ $? -gt 128 ] && ok || bad "--against: SIGTERM did not end the run"
    [ -z "$(ls "$TMPDIR")" ] && ok || bad "--against: SIGTERM left the temporary tree: $(ls -R "$TMPDIR")"
fi

echo "diff: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
