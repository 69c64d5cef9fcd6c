#!/bin/sh
# Properties of svcc fmt on every .svc file of the tree (golden sources,
# examples, standard library, fuzzer regressions):
#   - fmt(x) has the same syntax tree as x (--dump-ast prints no positions);
#   - fmt(fmt(x)) == fmt(x), and fmt --check accepts fmt(x);
#   - a file that does not parse is refused (exit 1) and -w leaves it alone;
#   - every catalogue that builds compiles, once all its files are
#     formatted, to the same JSON (source positions aside).
# Usage: tests/fmt.sh build/svcc
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)


for f in "$top"/tests/golden/*/*.svc "$top"/examples/*/*.svc "$top"/stdlib/*.svc "$top"/tests/fuzz/regressions/*.svc; do
    name=${f#"$top"/}
    if "$svcc" fmt "$f" >"$tmp/once.svc" 2>/dev/null; then
        "$svcc" check --dump-ast "$f" >"$tmp/tree1" 2>/dev/null
        "$svcc" check --dump-ast "$tmp/once.svc" >"$tmp/tree2" 2>/dev/null
        if cmp -s "$tmp/tree1" "$tmp/tree2"; then ok; else
            bad "$name: formatting changes the syntax tree"; diff "$tmp/tree1" "$tmp/tree2" | head -10; fi
        "$svcc" fmt "$tmp/once.svc" >"$tmp/twice.svc" 2>"$tmp/err" || { bad "$name: formatted text does not parse"; head -3 "$tmp/err"; continue; }
        if cmp -s "$tmp/once.svc" "$tmp/twice.svc"; then ok; else
            bad "$name: fmt is not idempotent"; diff "$tmp/once.svc" "$tmp/twice.svc" | head -10; fi
        if "$svcc" fmt --check "$tmp/once.svc" >/dev/null; then ok; else bad "$name: fmt --check refuses fmt's own output"; fi
    else
        status=$?
        cp "$f" "$tmp/broken.svc"
        "$svcc" fmt -w "$tmp/broken.svc" 2>/dev/null
        if [ "$status" -eq 1 ] && cmp -s "$f" "$tmp/broken.svc"; then ok; else
            bad "$name: refused with exit $status, or rewritten by -w"; fi
    fi
done

# strip FILE: the catalogue JSON without source positions, keys sorted.
strip() { jq -S 'del(.. | .source?)' "$1"; }

# formatted DIR: a copy of DIR with every .svc file formatted, made once
# per directory (each golden directory holds many roots), printed.
formatted() {
    copy=$tmp/copies/$(printf '%s' "$1" | tr '/' '_')
    if [ ! -d "$copy" ]; then
        mkdir -p "$tmp/copies"
        cp -R "$1" "$copy"
        for g in "$copy"/*.svc; do "$svcc" fmt -w "$g" 2>/dev/null; done
    fi
    printf '%s\n' "$copy"
}

# same_json NAME DIR ROOT: ROOT (relative to DIR) builds to the same JSON
# before and after formatting every file of a copy of DIR.
same_json() {
    copy=$(formatted "$2")
    (cd "$2" && "$svcc" build -q "$3" -o "$tmp/before.json") || { bad "$1: does not build"; return; }
    (cd "$copy" && "$svcc" build -q "$3" -o "$tmp/after.json") || { bad "$1: does not build once formatted"; return; }
    strip "$tmp/before.json" >"$tmp/before.s"
    strip "$tmp/after.json" >"$tmp/after.s"
    if cmp -s "$tmp/before.s" "$tmp/after.s"; then ok; else
        bad "$1: formatting changes the catalogue"; diff "$tmp/before.s" "$tmp/after.s" | head -10; fi
}

for cat in "$top"/examples/*/catalogue.svc; do
    same_json "examples/$(basename "$(dirname "$cat")")" "$(dirname "$cat")" catalogue.svc
done
for expected in "$top"/tests/golden/*/*.expected; do
    case $expected in */fmt/* | */parse/*) continue ;; esac
    grep -q '^\[exit 0\]$' "$expected" || continue
    [ -f "${expected%.expected}.args" ] && grep -q -- --dump-ast "${expected%.expected}.args" && continue
    dir=$(dirname "$expected")
    same_json "${expected#"$top"/}" "$dir" "$(basename "$expected" .expected).svc"
done

echo "fmt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
