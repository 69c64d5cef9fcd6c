#!/bin/sh
# Documentation stays true: every diagnostic code has its row in
# docs/diagnostics.md, and every option of `svcc --help` is in docs/cli.md.
# Usage: tests/docs.sh build/svcc
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
svcc=$1
pass=0
fail=0
for code in $(sed -n 's/^DIAG(\([EW][0-9]*\),.*/\1/p' "$top/compiler/diag_codes.def"); do
    if grep -q "^| $code |" "$top/docs/diagnostics.md"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $code is not documented in docs/diagnostics.md"
    fi
done
for opt in $( ("$svcc" --help; "$svcc" fmt --help; "$svcc" diff --help; "$svcc" lsp --help) | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    if grep -qF -- "$opt" "$top/docs/cli.md"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $opt is not documented in docs/cli.md"
    fi
done
echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
