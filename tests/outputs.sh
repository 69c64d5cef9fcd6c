#!/bin/sh
# Where outputs go: -o and fmt -w replace regular files only, atomically;
# a device, FIFO or /dev/stdout is written through; links are followed;
# hard links, read-only files and folders are refused; owner, group and
# mode are kept without set-ID bits; a signal leaves no temporary file.
# Usage: tests/outputs.sh build/svcc
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
skip=0
ex=$top/examples/northwind/catalogue.svc

check() { if eval "$2"; then ok; else bad "$1"; head -5 "$tmp/err" 2>/dev/null; fi; }
root() { [ "$(id -u)" -eq 0 ]; }

"$svcc" build "$ex" >"$tmp/want.json" || bad "reference build"
mkdir "$tmp/o"
leftovers() { ls -A "$1" | grep -c '^\.svcc-'; }

# A FIFO is written through: it stays a FIFO and its reader gets the JSON.
mkfifo "$tmp/o/fifo"
cat "$tmp/o/fifo" >"$tmp/fromfifo" &
reader=$!
"$svcc" build "$ex" -o "$tmp/o/fifo" 2>"$tmp/err"
check "build -o FIFO exits 0" "[ $? -eq 0 ]"
check "the FIFO stays a FIFO" "[ -p '$tmp/o/fifo' ]"
[ -p "$tmp/o/fifo" ] || kill $reader  # replaced: its reader would wait forever
wait $reader
check "the FIFO's reader gets the JSON" "cmp -s '$tmp/fromfifo' '$tmp/want.json'"

# A character device (a private copy of /dev/null, made as root only):
# written through, never replaced by a regular file.
if root && mknod "$tmp/o/null" c 1 3 2>/dev/null; then
    "$svcc" build "$ex" -o "$tmp/o/null" 2>"$tmp/err"
    check "build -o device exits 0" "[ $? -eq 0 ]"
    check "the device stays a device" "[ -c '$tmp/o/null' ]"
    "$svcc" graph "$ex" -T dot -o "$tmp/o/null" 2>"$tmp/err"
    check "graph -o device stays a device" "[ \$? -eq 0 ] && [ -c '$tmp/o/null' ]"
else
    skip=$((skip + 1))
fi

# /dev/stdout, /dev/fd/N and /proc/self/fd/N are the descriptor the shell
# opened: written to as opened (>> appends), never replaced.  A regression
# here would replace the machine's /dev/stdout: dev_intact puts it back (as
# root) and fails.
dev_intact() {
    if [ -L /dev/stdout ] || [ -c /dev/stdout ]; then ok; return; fi
    bad "$1: /dev/stdout was replaced by a regular file"
    if root; then rm -f /dev/stdout && ln -s /proc/self/fd/1 /dev/stdout; fi
}
for name in /dev/stdout /dev/fd/1 /proc/self/fd/1 /dev/fd/3; do
    echo before >"$tmp/appended"
    if [ $name = /dev/fd/3 ]; then
        "$svcc" build "$ex" -o $name 3>>"$tmp/appended" 2>"$tmp/err"
    else
        "$svcc" build "$ex" -o $name >>"$tmp/appended" 2>"$tmp/err"
    fi
    check "-o $name exits 0" "[ $? -eq 0 ]"
    dev_intact "-o $name"
    check "-o $name appends to what the shell opened with >>" \
        "[ \"\$(head -1 '$tmp/appended')\" = before ] && tail -n +2 '$tmp/appended' | cmp -s - '$tmp/want.json'"
done
"$svcc" build "$ex" -o /dev/stdout 2>"$tmp/err" | cmp -s - "$tmp/want.json"
check "-o /dev/stdout into a pipe" "[ $? -eq 0 ]"
dev_intact "-o /dev/stdout into a pipe"

# A link to standard output stays a link, and is written through.
ln -s /proc/self/fd/1 "$tmp/o/tostdout"
echo before >"$tmp/viastdout"
"$svcc" build "$ex" -o "$tmp/o/tostdout" >>"$tmp/viastdout" 2>"$tmp/err"
check "a link to /proc/self/fd/1 is written through" \
    "[ -L '$tmp/o/tostdout' ] && [ \"\$(head -1 '$tmp/viastdout')\" = before ] && tail -n +2 '$tmp/viastdout' | cmp -s - '$tmp/want.json'"
ln -s /dev/stdout "$tmp/o/tostdout2"
"$svcc" build "$ex" -o "$tmp/o/tostdout2" 2>"$tmp/err" | cmp -s - "$tmp/want.json"
check "a link to /dev/stdout, into a pipe" "[ $? -eq 0 ] && [ -L '$tmp/o/tostdout2' ]"
dev_intact "a link to /dev/stdout"

# A symbolic link is followed: the file it names is replaced, the link stays.
echo old >"$tmp/o/real.json"
ln -s real.json "$tmp/o/link.json"
"$svcc" build "$ex" -o "$tmp/o/link.json" 2>"$tmp/err"
check "a link to a file: the file is replaced, the link stays" \
    "[ -L '$tmp/o/link.json' ] && cmp -s '$tmp/o/real.json' '$tmp/want.json'"
ln -s sub/../new.json "$tmp/o/dangling.json"
mkdir "$tmp/o/sub"
"$svcc" build "$ex" -o "$tmp/o/dangling.json" 2>"$tmp/err"
check "a dangling link: the file it names is made" \
    "[ -L '$tmp/o/dangling.json' ] && cmp -s '$tmp/o/new.json' '$tmp/want.json'"
ln -s loop1 "$tmp/o/loop2"; ln -s loop2 "$tmp/o/loop1"
"$svcc" build "$ex" -o "$tmp/o/loop1" 2>"$tmp/err"
check "a loop of links is refused (exit 2)" "[ $? -eq 2 ] && grep -q 'E0902' '$tmp/err'"

# A name of NAME_MAX (255) bytes.
long=$(printf '%0250d' 0).json
"$svcc" build "$ex" -o "$tmp/o/$long" 2>"$tmp/err"
check "an output name of 255 bytes" "[ $? -eq 0 ] && cmp -s '$tmp/o/$long' '$tmp/want.json'"
rm -f "$tmp/o/$long"

# A folder is refused.
"$svcc" build "$ex" -o "$tmp/o" 2>"$tmp/err"
check "-o a folder: exit 2" "[ $? -eq 2 ]"
check "-o a folder: said" "grep -qF \"cannot write '$tmp/o': it is a folder [E0902]\" '$tmp/err'"

# Hard links: refused, both names keep their content.
echo linked >"$tmp/o/a.json"
ln "$tmp/o/a.json" "$tmp/o/b.json"
"$svcc" build "$ex" -o "$tmp/o/a.json" 2>"$tmp/err"
check "-o a file with hard links: exit 2" "[ $? -eq 2 ]"
check "-o a file with hard links: said" "grep -qF 'it has 2 hard links' '$tmp/err'"
check "-o a file with hard links: untouched" "[ \"\$(cat '$tmp/o/a.json')\" = linked ]"
printf 'team  t "T" {\n}\n' >"$tmp/o/h.svc"
ln "$tmp/o/h.svc" "$tmp/o/h2.svc"
"$svcc" fmt -w "$tmp/o/h.svc" 2>"$tmp/err"
check "fmt -w a file with hard links: refused" \
    "[ $? -eq 2 ] && grep -qF 'hard links' '$tmp/err' && grep -q 'team  t' '$tmp/o/h2.svc'"

# Read-only files are refused (as root too), untouched.
echo readonly >"$tmp/o/ro.json"
chmod 444 "$tmp/o/ro.json"
"$svcc" build "$ex" -o "$tmp/o/ro.json" 2>"$tmp/err"
check "-o a read-only file: refused" \
    "[ $? -eq 2 ] && grep -qF 'the file is read-only (mode 0444)' '$tmp/err' && [ \"\$(cat '$tmp/o/ro.json')\" = readonly ]"
printf 'team  t "T" {\n}\n' >"$tmp/o/ro.svc"
chmod 444 "$tmp/o/ro.svc"
"$svcc" fmt -w "$tmp/o/ro.svc" 2>"$tmp/err"
check "fmt -w a read-only file: refused" "[ $? -eq 2 ] && grep -qF 'read-only' '$tmp/err'"

# Mode kept without set-ID bits; owner and group kept where we may (root).
echo x >"$tmp/o/suid.json"
chmod 6755 "$tmp/o/suid.json"
"$svcc" build "$ex" -o "$tmp/o/suid.json" 2>"$tmp/err"
check "set-ID bits are not copied" "[ \"\$(stat -c %a '$tmp/o/suid.json')\" = 755 ]"
echo x >"$tmp/o/mode.json"
chmod 640 "$tmp/o/mode.json"
"$svcc" build "$ex" -o "$tmp/o/mode.json" 2>"$tmp/err"
check "the mode is kept" "[ \"\$(stat -c %a '$tmp/o/mode.json')\" = 640 ]"
if root; then
    echo x >"$tmp/o/owned.json"
    chown 4321:4322 "$tmp/o/owned.json"
    "$svcc" build "$ex" -o "$tmp/o/owned.json" 2>"$tmp/err"
    check "owner and group are kept" "[ \"\$(stat -c %u:%g '$tmp/o/owned.json')\" = 4321:4322 ]"
    printf 'team  t "T" {\n}\n' >"$tmp/o/owned.svc"
    chown 4321:4322 "$tmp/o/owned.svc"
    "$svcc" fmt -w "$tmp/o/owned.svc" 2>"$tmp/err"
    check "fmt -w keeps owner and group" "[ \"\$(stat -c %u:%g '$tmp/o/owned.svc')\" = 4321:4322 ]"
else
    skip=$((skip + 1))
fi
check "no temporary file is left" "[ \"\$(leftovers '$tmp/o')\" = 0 ]"

# A signal while the output is being finished: the temporary file goes.
# Many warnings (W0201) fill a pipe nobody reads, so svcc waits in the middle of
# printing them, its temporary file made and not yet renamed.
{
    printf 'catalogue c "C" {\n  version "1"\n  provider "P"\n}\n'
    i=0
    while [ $i -lt 2000 ]; do printf 'team t%d "T" {\n  email "t@example.org"\n}\n' $i; i=$((i + 1)); done
} >"$tmp/warn.svc"
for sig in TERM INT HUP; do
    mkdir "$tmp/s$sig"
    mkfifo "$tmp/s$sig/err"
    # (a shell starts background jobs with SIGINT ignored: undo that)
    env --default-signal "$svcc" build "$tmp/warn.svc" -o "$tmp/s$sig/cat.json" 2>"$tmp/s$sig/err" &
    pid=$!
    exec 3<"$tmp/s$sig/err"
    n=0
    while [ "$(leftovers "$tmp/s$sig")" = 0 ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
    check "SIG$sig: the temporary file was there" "[ \"\$(leftovers '$tmp/s$sig')\" = 1 ]"
    kill -"$sig" $pid
    cat <&3 >/dev/null
    exec 3<&-
    wait $pid
    status=$?
    check "SIG$sig ends the run by the signal" "[ $status -gt 128 ]"
    check "SIG$sig: no temporary file, no output" \
        "[ \"\$(leftovers '$tmp/s$sig')\" = 0 ] && [ ! -e '$tmp/s$sig/cat.json' ]"
done

echo "outputs: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
