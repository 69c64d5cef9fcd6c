#!/bin/sh
# Failures on purpose: running out of memory at every point of a
# compilation, and outputs that cannot be written.  Each must give a clean
# message, exit 2, and leave no output and no temporary file behind (under
# check-valgrind, no leak either).
# Usage: tests/fault.sh build/svcc
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
skip=0
ex=$top/examples/northwind/catalogue.svc
# The build below fails every allocation: on Northwind without its import of
# the ITIL 4 crosswalk, which doubles the allocations (and, under the
# sanitizers, this test's time); the report loop further down fails every
# 7th allocation of the whole of Northwind, crosswalk included.
cp -r "$top/examples/northwind" "$tmp/northwind"
sed -i '/^import "itil4_iso20000"/d' "$tmp/northwind/catalogue.svc"
grep -q itil4_iso20000 "$tmp/northwind/catalogue.svc" && bad "the crosswalk import is still there"
ex_build=$tmp/northwind/catalogue.svc


# Fail the Nth request for memory, for N = 1, 2, … until the build
# succeeds: every failure must be clean.  FAULT_STRIDE > 1 tries every
# so many (check-valgrind, where each run is slow).
stride=${FAULT_STRIDE:-1}
mkdir "$tmp/out"
n=1
while :; do
    SVCC_FAIL_ALLOC=$n "$svcc" build "$ex_build" -o "$tmp/out/cat.json" >"$tmp/stdout" 2>"$tmp/err"
    status=$?
    if [ $status -eq 0 ]; then
        break
    fi
    if [ $status -ne 2 ] || ! grep -qx "svcc: out of memory" "$tmp/err"; then
        bad "allocation $n: exit $status"; head -5 "$tmp/err"
    elif [ -n "$(ls -A "$tmp/out")" ]; then
        bad "allocation $n: output left behind: $(ls -A "$tmp/out")"
    else
        ok
    fi
    rm -f "$tmp/out/"* "$tmp/out/".??* 2>/dev/null
    n=$((n + stride))
    if [ $n -gt 100000 ]; then bad "the build never succeeds"; break; fi
    [ $fail -ge 5 ] && { echo "fault: stopping after 5 failures"; break; }
done
if [ -s "$tmp/out/cat.json" ]; then ok; else bad "the final build wrote nothing"; fi
echo "fault: failed the allocations 1 to $n of a build (every $stride)"

# The same for graph (Mermaid is measured in a memory stream: no leak when
# the arena runs out while it is open), impact, report and export, every
# 7th allocation (times the stride).  The exports on a small catalogue of
# offerings and prices (the compilation before them is the build's, failed
# at every allocation above): each run's allocations are mostly the
# export's own.
small=$top/tests/golden/build/prices.svc
for cmd in "graph $ex -T svg -o $tmp/out/g.svg" "graph $ex --view student_offerings -T svg -o $tmp/out/v.svg" \
           "graph $ex -T mermaid -o $tmp/out/g.mmd" \
           "impact $ex network --format json" \
           "report $ex --framework iso20000_2018 --format json -o $tmp/out/r.json" \
           "export $small --format sqlite -o $tmp/out/c.db" "export $small --format markdown -o $tmp/md" \
           "export $small --format backstage -o $tmp/out/c.yaml" "export $small --format html -o $tmp/html"; do
    n=1
    while :; do
        # shellcheck disable=SC2086
        SVCC_FAIL_ALLOC=$n "$svcc" $cmd >/dev/null 2>"$tmp/err"
        status=$?
        [ $status -eq 0 ] && break
        if [ $status -ne 2 ] || ! grep -qx "svcc: out of memory" "$tmp/err"; then
            bad "$cmd, allocation $n: exit $status"; head -3 "$tmp/err"
            break
        fi
        n=$((n + 7 * stride))
        [ $n -gt 100000 ] && { bad "$cmd never succeeds"; break; }
    done
    ok
done
rm -f "$tmp/out/"*

# fmt -w and diff: every allocation (times the stride).  fmt -w must leave
# the file as it was and no temporary file.
printf 'team  t  {  email "t@x"; lead p }\n' >"$tmp/loose.svc"
n=1
while :; do
    cp "$tmp/loose.svc" "$tmp/out/x.svc"
    SVCC_FAIL_ALLOC=$n "$svcc" fmt -w "$tmp/out/x.svc" 2>"$tmp/err"
    status=$?
    [ $status -eq 0 ] && break
    if [ $status -ne 2 ] || ! grep -qx "svcc: out of memory" "$tmp/err"; then
        bad "fmt -w, allocation $n: exit $status"; head -3 "$tmp/err"; break
    elif ! cmp -s "$tmp/loose.svc" "$tmp/out/x.svc" || [ "$(ls -A "$tmp/out")" != x.svc ]; then
        bad "fmt -w, allocation $n: the file changed or a file was left: $(ls -A "$tmp/out")"; break
    fi
    n=$((n + stride))
    [ $n -gt 100000 ] && { bad "fmt -w never succeeds"; break; }
done
grep -q '^  email "t@x"$' "$tmp/out/x.svc" && ok || bad "fmt -w: the final run did not format"
d=$top/tests/diff/price_raised
n=1
while :; do
    SVCC_FAIL_ALLOC=$n "$svcc" diff --format json "$d/old.svc" "$d/new.svc" >/dev/null 2>"$tmp/err"
    status=$?
    [ $status -eq 0 ] && break
    if [ $status -ne 2 ] || ! grep -qx "svcc: out of memory" "$tmp/err"; then
        bad "diff, allocation $n: exit $status"; head -3 "$tmp/err"; break
    fi
    n=$((n + 3 * stride))
    [ $n -gt 100000 ] && { bad "diff never succeeds"; break; }
done
ok
echo "fault: fmt -w and diff fail cleanly at every allocation (diff: every $((3 * stride)))"
rm -f "$tmp/out/"*

# Outputs that cannot be written.
"$svcc" build "$ex" -o "$tmp/missing/cat.json" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "cannot write '$tmp/missing/cat.json': No such file or directory \[E0902\]" "$tmp/err" && ok || bad "missing folder"
: >"$tmp/file"
"$svcc" build "$ex" -o "$tmp/file/cat.json" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "Not a directory \[E0902\]" "$tmp/err" && ok || bad "folder is a file"
echo good >"$tmp/out/keep.json"
"$svcc" build "$tmp/nope.svc" -o "$tmp/out/keep.json" 2>/dev/null
[ $? -eq 2 ] && [ "$(cat "$tmp/out/keep.json")" = good ] && [ "$(ls -A "$tmp/out")" = keep.json ] && ok ||
    bad "an unreadable input touched the earlier output"

# A full disk, where a small file system can be mounted (root only).
mkdir "$tmp/full"
if mount -t tmpfs -o size=16k tmpfs "$tmp/full" 2>/dev/null; then
    echo good >"$tmp/full/cat.json"
    "$svcc" build "$ex" -o "$tmp/full/cat.json" 2>"$tmp/err"
    status=$?
    [ $status -eq 2 ] && grep -q "No space left on device \[E0902\]" "$tmp/err" && ok || { bad "disk full: exit $status"; cat "$tmp/err"; }
    [ "$(cat "$tmp/full/cat.json")" = good ] && [ "$(ls -A "$tmp/full")" = cat.json ] && ok ||
        bad "disk full: earlier output not kept, or a temporary file left"
    umount "$tmp/full"
else
    skip=$((skip + 1))
    echo "fault: cannot mount a small file system here; disk-full case skipped"
fi

echo "fault: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
