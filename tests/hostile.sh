#!/bin/sh
# Hostile input: every case must end in bounded time (timeout) with the
# expected exit status and a clear diagnostic, never a crash.
# Usage: tests/hostile.sh build/svcc
set -u
. "$(dirname "$0")/lib.sh"
LIMIT=${HOSTILE_SECONDS:-60}   # seconds per run; valgrind needs the margin

# case NAME STATUS TEXT ARGS...: svcc ARGS exits STATUS within LIMIT and
# its diagnostics contain TEXT ('' for none expected).
case_() {
    name=$1 want=$2 text=$3
    shift 3
    timeout "$LIMIT" "$svcc" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail=$((fail + 1))
        echo "FAIL: $name: exit $got, expected $want"
        head -c 600 "$tmp/err"
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
        fail=$((fail + 1))
        echo "FAIL: $name: '$text' not reported"
        head -c 600 "$tmp/err"
    else
        pass=$((pass + 1))
    fi
}

py() { /usr/bin/python3 -c "$@"; }
CAT='catalogue c "C" {\n  version "1"\n  provider "P"\n}\n'

# A 1 MB line: one error, the excerpt cut to a window around the caret.
py "import sys; sys.stdout.write('team t { email \"' + 'x' * (1 << 20) + '\" size 5 = }\n')" >"$tmp/line.svc"
case_ "1 MB single line" 1 "unexpected character '='" check --color never "$tmp/line.svc"
if [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$tmp/err")" -lt 1000 ]; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: long line printed whole"; fi

# 100k nested blocks: stops at the nesting limit, once.
py "import sys; sys.stdout.write('team t ' + '{ a ' * 100000 + '}' * 100000 + '\n')" >"$tmp/nest.svc"
case_ "100k nested blocks" 1 "blocks are nested more than 100 deep [E0105]" check "$tmp/nest.svc"
if [ "$(grep -c 'E0105' "$tmp/err")" -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: nesting reported more than once"; fi

# A chain of 10k imports: read without recursion, clean.
mkdir "$tmp/chain"
py "
for i in range(10000):
    open('$tmp/chain/f%d.svc' % i, 'w').write('import \"./f%d.svc\"\n' % (i + 1) if i < 9999 else '')
"
printf "import \"./f0.svc\"\n$CAT" >"$tmp/chain/root.svc"
case_ "10k-deep import chain" 0 "" check "$tmp/chain/root.svc"

# Very long identifiers and strings.
py "import sys; sys.stdout.write('team ' + 'a' * (1 << 20) + ' {}\n')" >"$tmp/ident.svc"
case_ "1 MB identifier" 1 "identifier is 1048576 bytes long; the limit is 128 [E0011]" check "$tmp/ident.svc"
py "import sys; sys.stdout.write('$CAT'.replace('\\\\n', '\n') + 'team t {\n  location \"' + 'é' * (1 << 19) + '\"\n  lead p\n}\nperson p { team t }\n')" >"$tmp/str.svc"
case_ "1 MB string" 0 "" check "$tmp/str.svc"

# A file of NUL bytes: one report for the run.
head -c 1048576 /dev/zero >"$tmp/nul.svc"
case_ "file of NUL bytes" 1 "NUL byte in the source [E0002]" check "$tmp/nul.svc"
if [ "$(grep -c 'E0002' "$tmp/err")" -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: NUL run reported more than once"; fi

# Binary garbage: bounded reports.
py "import random, sys; random.seed(7); sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(1 << 20)))" >"$tmp/garbage.svc"
case_ "1 MB of binary garbage" 1 "more errors not shown (--max-errors 100)" check "$tmp/garbage.svc"
if [ "$(wc -l <"$tmp/err")" -lt 2000 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: garbage output not bounded"; fi

# Imports: a symbolic link loop, a directory, the file itself.
ln -s loop.svc "$tmp/loop.svc"
printf "import \"./loop.svc\"\n$CAT" >"$tmp/symloop.svc"
case_ "symlink loop as import" 1 "cannot read './loop.svc': Too many levels of symbolic links [E0806]" check "$tmp/symloop.svc"
mkdir "$tmp/dir.svc"
printf "import \"./dir.svc\"\n$CAT" >"$tmp/importdir.svc"
case_ "directory as import" 1 "cannot read './dir.svc': it is a directory [E0806]" check "$tmp/importdir.svc"
printf "import \"./self.svc\"\n$CAT" >"$tmp/self.svc"
case_ "import of itself" 0 "" check "$tmp/self.svc"

# Imports read catalogue sources only: a FIFO, a device, a /proc file or
# any file not named *.svc is refused at once, unread (a FIFO used to hang,
# /dev/zero to be read to the 1 GiB limit, /proc/self/environ to be shown).
mkdir "$tmp/imp"
mkfifo "$tmp/imp/fifo.svc"
ln -s /proc/self/environ "$tmp/imp/environ.svc"
ln -s /dev/zero "$tmp/imp/zero.svc"
printf 'SVCC_SECRET=%s\n' hunter2 >"$tmp/imp/secret.txt"
for import in ./fifo.svc /dev/zero ./zero.svc /proc/self/environ ./environ.svc ./secret.txt /dev/stdin; do
    printf "import \"%s\"\n$CAT" "$import" >"$tmp/imp/root.svc"
    SVCC_SECRET=hunter2 case_ "import of $import" 1 "[E0806]" check "$tmp/imp/root.svc" </dev/null
    if grep -q hunter2 "$tmp/err"; then fail=$((fail + 1)); echo "FAIL: import of $import shows the secret"; else pass=$((pass + 1)); fi
done
printf "import \"./fifo.svc\"\n$CAT" >"$tmp/imp/root.svc"
case_ "a FIFO import is named" 1 "cannot read './fifo.svc': it is a FIFO [E0806]" check "$tmp/imp/root.svc"
printf "import \"./environ.svc\"\n$CAT" >"$tmp/imp/root.svc"
case_ "a link out of the catalogue is named" 1 "'./environ.svc' is a link to '/proc/" check "$tmp/imp/root.svc"
# The extension may be left out of a path, as of a module name.
printf 'team t "T" {\n  email "t@example.org"\n}\n' >"$tmp/imp/teams.svc"
printf "import \"./teams\"\n$CAT" >"$tmp/imp/root.svc"
case_ "import of ./teams reads teams.svc" 0 "team 't' is not referenced anywhere [W0201]" check "$tmp/imp/root.svc"
case_ "directory as root" 2 "it is a directory [E0901]" check "$tmp/dir.svc"

# 100k services in a chain, and in one cycle: linear, one report.
SVC='  type technical\n  status live\n  owner o\n  intangibility high\n  heterogeneity low\n  inseparability low\n  perishability low\n'
py "
import sys
n = 100000
out = ['$CAT'.replace('\\\\n', '\n'), 'team o {}\n']
body = '$SVC'.replace('\\\\n', '\n')
for i in range(n):
    out.append('service s%d {\n%s  depends_on s%d\n}\n' % (i, body, i + 1) if i + 1 < n else 'service s%d {\n%s}\n' % (i, body))
open('$tmp/chain.svc', 'w').write(''.join(out))
out[-1] = 'service s%d {\n%s  depends_on s0\n}\n' % (n - 1, body)
open('$tmp/cycle.svc', 'w').write(''.join(out))
"
case_ "100k-service dependency chain" 0 "" check "$tmp/chain.svc"
case_ "100k-service dependency chain, built" 0 "" build "$tmp/chain.svc" -o "$tmp/chain.json"
case_ "100k-service cycle" 1 "(100000 services in all) [E0601]" check "$tmp/cycle.svc"
if [ "$(grep -c 'E0601' "$tmp/err")" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -lt 200 ]; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: huge cycle report not bounded"; fi

# Bounded work for what is never shown (docs/reliability.md).  Each case
# asserts on what is printed; the time limit is generous (LIMIT).
body='  type technical\n  status live\n  owner o\n  intangibility high\n  heterogeneity low\n  inseparability low\n  perishability low\n'
head='catalogue c "C" {\n  version "1"\n  provider "P"\n}\nteam o "O" {\n  email "o@example.org"\n}\n'
# 8,000 unknown references, each a letter away from a service's id: only
# the errors shown (--max-errors) get a suggestion, looked up by length.
py "
out = ['$head'.replace('\\\\n', '\n')]
b = '$body'.replace('\\\\n', '\n')
for i in range(8000):
    out.append('service s%d \"S\" {\n%s  depends_on x%d\n}\n' % (i, b, i))
open('$tmp/unknown.svc', 'w').write(''.join(out))
"
case_ "8,000 unknown references" 1 "7900 more errors not shown (--max-errors 100)" check -q "$tmp/unknown.svc"
n=$(grep -c "did you mean 's" "$tmp/err")
if [ "$n" -eq 100 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: 8,000 unknown references: $n suggestions, expected 100 (the errors shown)"; fi
case_ "8,000 unknown references, --max-errors 0" 1 "did you mean 's7999'?" check -q --max-errors 0 "$tmp/unknown.svc"
# 2,000 imports of missing modules: each listed once, the folders read once.
py "
open('$tmp/nomods.svc', 'w').write(''.join('import \"nosuchmodule%d\"\n' % i for i in range(2000)) + '$head'.replace('\\\\n', '\n'))
"
case_ "2,000 missing modules" 1 "1900 more errors not shown" check -q "$tmp/nomods.svc"
# impact: one service depending softly on 100,000 that all depend on the
# root (each soft edge used to rescan the 100,000: 7.4 s, now 1.1 s).
py "
out = ['$head'.replace('\\\\n', '\n')]
b = '$body'.replace('\\\\n', '\n')
out.append('service root \"R\" {\n%s}\n' % b)
n = 100000
for i in range(n):
    out.append('service a%d \"A\" {\n%s  depends_on root\n}\n' % (i, b))
out.append('service v \"V\" {\n%s  depends_on %s { strength soft }\n}\n' % (b, ', '.join('a%d' % i for i in range(n))))
open('$tmp/fanin.svc', 'w').write(''.join(out))
"
case_ "impact with a service of 100,000 dependencies" 0 "" impact -q "$tmp/fanin.svc" root
if grep -q "Services that depend on it: 100001 (100000 hard, 1 soft)" "$tmp/out"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: impact fan-in: wrong count"; head -3 "$tmp/out"; fi
# graph: layouts graphviz would take minutes on are refused, nothing written.
case_ "graph -T svg of 100,002 nodes" 2 "over the layout limit of 10000 for 'sfdp'" graph -q "$tmp/fanin.svc" -T svg -o "$tmp/fanin.svg"
if [ ! -e "$tmp/fanin.svg" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: a refused graph left a file"; fi
py "
out = ['$head'.replace('\\\\n', '\n')]
b = '$body'.replace('\\\\n', '\n')
for i in range(2001):
    out.append('service s%d \"S\" {\n%s}\n' % (i, b))
open('$tmp/wide.svc', 'w').write(''.join(out))
"
case_ "graph --layout dot of 2,001 nodes" 2 "the graph has 2001 nodes, over the layout limit of 2000 for 'dot'" graph -q "$tmp/wide.svc" -T svg --layout dot
case_ "graph -T dot of 100,002 nodes (no layout)" 0 "" graph -q "$tmp/fanin.svc" -T dot -o "$tmp/fanin.dot"

# Template fan-out: one template used by 20,000 services, one field of it
# changed.  diff reports each service once, with the one field: its report
# (and its work) is proportional to users x fields changed, no more.
py "
for ver, level in (('old', 'low'), ('new', 'high')):
    out = ['$head'.replace('\\\\n', '\n')]
    out.append('template t \"T\" {\n  type technical\n  status live\n  owner o\n  intangibility high\n  heterogeneity low\n  inseparability low\n  perishability %s\n}\n' % level)
    out.extend('service s%d \"S\" from t {\n}\n' % i for i in range(20000))
    open('$tmp/tpl_%s.svc' % ver, 'w').write(''.join(out))
"
case_ "diff of a template used 20,000 times" 0 "" diff "$tmp/tpl_old.svc" "$tmp/tpl_new.svc"
if grep -q "Summary: 0 added, 20000 changed, 0 removed, 0 renamed" "$tmp/out" && [ "$(wc -l <"$tmp/out")" -le 40010 ]; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: template fan-out: report not one entry per service"; tail -2 "$tmp/out"; fi

# Inputs the fuzzers found trouble with: each must now end cleanly (exit
# 0 or 1) through check, build and graph.
for f in "$(dirname "$0")"/fuzz/regressions/*; do
    [ -f "$f" ] && [ "$(basename "$f")" != README ] || continue
    for cmd in check build graph; do
        timeout "$LIMIT" "$svcc" $cmd -q "$f" >/dev/null 2>&1
        status=$?
        if [ $status -le 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: regression $(basename "$f") ($cmd): exit $status"; fi
    done
done

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
