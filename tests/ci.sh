#!/bin/sh
# The pre-commit hook of docs/ci.md, taken from the page and run in a
# throw-away git repository: it passes a clean commit and refuses an
# unformatted file and a breaking change.  Usage: tests/ci.sh build/svcc
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
command -v git >/dev/null 2>&1 || { echo "ci: git missing, skipped"; exit 0; }


mkdir -p "$tmp/bin" "$tmp/repo" "$tmp/tmpdir"
ln -s "$svcc" "$tmp/bin/svcc"
PATH=$tmp/bin:$PATH TMPDIR=$tmp/tmpdir
export PATH TMPDIR
awk '/^```sh$/ { on = 1; next } /^```$/ && on { exit } on' "$top/docs/ci.md" >"$tmp/hook"
grep -q "svcc fmt --check" "$tmp/hook" && ok || bad "no hook found in docs/ci.md"

cd "$tmp/repo" || exit 1
git init -q
git config user.name t
git config user.email t@example.org
mkdir -p .git/hooks
cp "$tmp/hook" .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
d=$top/tests/diff/price_raised

# commit NAME STATUS: commit what is staged, expect STATUS from the hook.
commit() {
    git commit -qm "$1" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" -eq "$2" ]; then ok; else bad "$1: exit $got, expected $2"; head -10 "$tmp/out"; fi
}

cp "$d/old.svc" catalogue.svc
git add catalogue.svc
commit "first commit" 0
printf 'team  x  { email "x@example.org" }\n' >extra.svc
git add extra.svc
commit "unformatted file" 1
grep -q "extra.svc" "$tmp/out" && ok || bad "the hook does not name the unformatted file"
svcc fmt -w extra.svc
git add extra.svc
commit "formatted file" 0
cp "$d/new.svc" catalogue.svc
git add catalogue.svc
commit "breaking change" 1
grep -q "price-raised" "$tmp/out" && ok || bad "the hook does not show the breaking change"
SVCC_ALLOW_BREAKING=1 git commit -qm "breaking change, allowed" >"$tmp/out" 2>&1 && ok || {
    bad "SVCC_ALLOW_BREAKING=1 did not let the commit through"; head -10 "$tmp/out"; }

echo "ci: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
