#!/bin/sh
# Pictures that fit a screen: graphviz's own bounding box of svcc graph -T
# svg on generated four-tier catalogues (tests/bench/gen) of 20, 60 and 200
# services and on the examples with offerings and consumers.  Each must
# have an aspect ratio within 1:3 to 3:1, draw its labels at their own size
# (14 points, no scaling), carry a title and a legend by default and lose
# them with --no-title and --no-legend.  Figures: docs/graphs.md.
# Usage: tests/layout.sh build/svcc build/bench/gen
set -u
. "$(dirname "$0")/lib.sh"
gen=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
top=$(cd "$(dirname "$0")/.." && pwd)

# svg_box FILE: "W H" in points, from the <svg> element graphviz writes.
svg_box() {
    sed -n 's/^<svg width="\([0-9.]*\)pt" height="\([0-9.]*\)pt".*/\1 \2/p' "$1" | head -1
}

# fits LABEL FILE: the aspect ratio within 1:3 and 3:1, the scale 1.
fits() {
    box=$(svg_box "$2")
    if [ -z "$box" ]; then bad "$1: no size in the SVG"; return; fi
    if echo "$box" | awk '{ r = $1 / $2; exit !(r <= 3 && r >= 1 / 3) }'; then ok; else bad "$1: aspect $box is outside 1:3..3:1"; fi
    if grep -q 'transform="scale(1 1)' "$2"; then ok; else bad "$1: the picture is scaled"; fi
    if grep -q 'font-size="14.00"' "$2"; then ok; else bad "$1: labels are not 14 points"; fi
    echo "$1 $box" >>"$tmp/figures"
}

for n in 20 60 200; do
    mkdir -p "$tmp/n$n"
    "$gen" "$n" "$tmp/n$n"
    "$svcc" graph -q "$tmp/n$n/catalogue.svc" -T svg -o "$tmp/n$n.svg" || bad "graph of $n services"
    fits "$n services" "$tmp/n$n.svg"
done
for ex in "$top"/examples/*/catalogue.svc; do
    name=$(basename "$(dirname "$ex")")
    for with in "" "--with offerings,consumers" "--with offerings,consumers --cluster owner"; do
        # shellcheck disable=SC2086 # $with is a list of options
        "$svcc" graph -q "$ex" $with -T svg -o "$tmp/$name.svg" || bad "graph of $name $with"
        fits "$name $with" "$tmp/$name.svg"
    done
done

# Without the plan (--aspect none), 60 services in four tiers are a strip:
# the test above would fail without it.
"$svcc" graph -q "$tmp/n60/catalogue.svc" -T svg --aspect none -o "$tmp/none.svg"
if svg_box "$tmp/none.svg" | awk '{ exit !($1 / $2 > 3) }'; then ok; else bad "--aspect none: graphviz's own strip ($(svg_box "$tmp/none.svg"))"; fi
# --rankdir is kept as given.
"$svcc" graph -q "$tmp/n60/catalogue.svc" -T dot --rankdir BT -o "$tmp/bt.dot"
if grep -q 'rankdir=BT' "$tmp/bt.dot"; then ok; else bad "--rankdir BT is not in the DOT"; fi

# Title and legend by default; --no-title and --no-legend leave them out.
nw=$top/examples/northwind/catalogue.svc
"$svcc" graph -q "$nw" -T svg -o "$tmp/nw.svg"
if grep -q '>Northwind' "$tmp/nw.svg"; then ok; else bad "no title by default"; fi
if grep -q '>Legend<' "$tmp/nw.svg"; then ok; else bad "no legend by default"; fi
"$svcc" graph -q "$nw" -T svg --no-title --no-legend -o "$tmp/bare.svg"
if grep -q '>Legend<' "$tmp/bare.svg"; then bad "--no-legend kept the legend"; else ok; fi
if grep -q 'font-size="20.00"' "$tmp/bare.svg"; then bad "--no-title kept the title"; else ok; fi
"$svcc" graph -q "$nw" -T svg --title 'Our services' -o "$tmp/titled.svg"
if grep -q '>Our services<' "$tmp/titled.svg"; then ok; else bad "--title is not drawn"; fi
# Retired and pipeline offerings are drawn as such.
cat >"$tmp/status.svc" <<'SVC'
catalogue s "Status" { version "1"; provider "P" }
team t "T" { email "t@example.org" }
consumer c "C" { size 1 }
service a "A" { type business; status live; owner t; allow W0405 }
offering old "Old" {
  services a; consumers c; status retired
  action help "Help" { performed_by t; trigger request }
}
offering next "Next" {
  services a; consumers c; status pipeline
  action help "Help" { performed_by t; trigger request }
}
SVC
"$svcc" graph -q "$tmp/status.svc" --with offerings -T dot -o "$tmp/status.dot" 2>"$tmp/err" || { bad "status graph"; cat "$tmp/err"; }
if grep -A8 '^	old' "$tmp/status.dot" | grep -q 'style="filled,dotted"'; then ok; else bad "a retired offering is not dotted"; fi
if grep -A8 '^	next' "$tmp/status.dot" | grep -q 'style="filled,dashed"'; then ok; else bad "a pipeline offering is not dashed"; fi
# Bad values are usage errors.
for bad_opt in "--aspect 0" "--aspect x" "--size 10x10" "--size 1600" "--rankdir up"; do
    # shellcheck disable=SC2086
    "$svcc" graph -q "$nw" $bad_opt >/dev/null 2>"$tmp/err"
    if [ $? -eq 2 ] && grep -q 'svcc: ' "$tmp/err"; then ok; else bad "$bad_opt is not a usage error"; fi
done

if [ -n "${LAYOUT_FIGURES:-}" ]; then cat "$tmp/figures"; fi
echo "layout: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
