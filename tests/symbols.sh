#!/bin/sh
# No symbol of ours may share a name with one the libraries we link export:
# the dynamic linker would let the library call our function instead of its
# own (graphviz's gvRender once called our emit_graph).
# Usage: tests/symbols.sh build/libsvcc.a
set -u
lib=$1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for l in gvc cgraph cdt yajl; do
    for f in /usr/lib/*/lib$l.so /usr/lib/lib$l.so; do
        [ -e "$f" ] && nm -D --defined-only "$f" | awk '{print $NF}'
    done
done | sort -u >"$tmp/theirs"
nm --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u >"$tmp/ours"
clash=$(comm -12 "$tmp/theirs" "$tmp/ours")

if [ -n "$clash" ]; then
    echo "FAIL: symbols also exported by a linked library: $clash"
    echo "symbols: 0 passed, 1 failed"
    exit 1
fi
echo "symbols: $(wc -l <"$tmp/ours") passed, 0 failed"
