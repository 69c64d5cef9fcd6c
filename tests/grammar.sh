#!/bin/sh
# The TextMate grammar (editors/svcc.tmLanguage.json) with the engine VS Code
# uses: vscode-tmgrammar-test on the annotated cases of tests/grammar/ (each
# `// ^^^ scope` line says what the line above must be), then
# tests/node/grammar.mjs on every example, standard-library module and
# golden input that svcc checks clean: no invalid scope, nothing left open.
# Usage: tests/grammar.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
nodedir=$top/build/node
if ! "$top/tests/node/install.sh" "$nodedir"; then
    echo "FAIL: the npm packages of tests/node (vscode-tmgrammar-test, vscode-textmate) are not installed"
    echo "grammar: 0 passed, 1 failed"
    exit 1
fi
pass=0
fail=0
if (cd "$top" && "$nodedir/node_modules/.bin/vscode-tmgrammar-test" -g editors/svcc.tmLanguage.json \
        "tests/grammar/*.svc"); then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: vscode-tmgrammar-test on tests/grammar"
fi
clean=$(mktemp)
trap 'rm -f "$clean"' EXIT
for f in "$top"/examples/*/*.svc "$top"/stdlib/*.svc "$top"/tests/golden/*/*.svc; do
    if "$svcc" check -q "$f" >/dev/null 2>&1 || "$svcc" check -q --library "$f" >/dev/null 2>&1; then
        echo "$f" >>"$clean"
    fi
done
if [ "$(wc -l <"$clean")" -lt 50 ]; then
    fail=$((fail + 1))
    echo "FAIL: fewer than 50 clean files to tokenize ($(wc -l <"$clean"))"
elif xargs node "$nodedir/grammar.mjs" "$top/editors/svcc.tmLanguage.json" <"$clean"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
fi
echo "grammar: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
