#!/bin/sh
# Diagrams: views, and pictures that fit a screen: graphviz's own bounding box of svcc graph -T
# svg on generated four-tier catalogues (tests/bench/gen) of 20, 60 and 200
# services and on the examples with offerings and consumers.  Each must
# have an aspect ratio within 1:3 to 3:1, draw its labels at their own size
# (14 points, no scaling), carry a title and a legend by default and lose
# them with --no-title and --no-legend.  Figures: docs/graphs.md.
# Usage: tests/graphs.sh build/svcc build/bench/gen
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
"$svcc" graph -q "$tmp/status.svc" --with offerings -T mermaid -o "$tmp/status.mmd"
if grep -q 'o_old\[\[.*:::retired' "$tmp/status.mmd" && grep -q 'o_next\[\[.*:::pipeline' "$tmp/status.mmd"; then ok
else bad "Mermaid: retired and pipeline offerings are not classed as such"; fi
# Bad values are usage errors.
for bad_opt in "--aspect 0" "--aspect x" "--size 10x10" "--size 1600" "--rankdir up"; do
    # shellcheck disable=SC2086
    "$svcc" graph -q "$nw" $bad_opt >/dev/null 2>"$tmp/err"
    if [ $? -eq 2 ] && grep -q 'svcc: ' "$tmp/err"; then ok; else bad "$bad_opt is not a usage error"; fi
done

# Views: where each starts, how far it goes, its filters and kinds.
cat >"$tmp/views.svc" <<'SVC'
catalogue v "Views" { version "1"; provider "P" }
team t1 "T1" { email "t1@example.org" }
team t2 "T2" { email "t2@example.org" }
consumer g1 "G1" { size 1 }
supplier s "S" { owner t1 }
service a "A" { type business; status live; owner t1; tags "x"; depends_on b; allow W0405 }
service b "B" { type technical; status live; owner t2; depends_on c; allow W0405 }
service c "C" { type enabling; status pipeline; owner t2; depends_on s; allow W0405 }
service d "D" { type technical; status retired; owner t1; depends_on c; allow W0405 }
offering o1 "O1" {
  services a; consumers g1
  action help "Help" { performed_by t1; trigger request }
}
view v_service "From a service" { start a; direction down }
view v_deep "All it needs" { start a; depth 5; direction down }
view v_team "A team's" { start t2; depth 0 }
view v_consumer "A group's" { start g1; depth 0; with offerings, consumers }
view v_offering "An offering's" { start o1; depth 1; direction down }
view v_tagged "Tagged" { tagged "x"; depth 0 }
view v_filter "Live technical" { status live; type technical }
view v_hide "No suppliers" { start c; depth 0; hide suppliers }
view v_up "Who needs C" { start c; direction up; owner t1 }
SVC
"$svcc" check -q "$tmp/views.svc" 2>"$tmp/err" || { bad "views.svc does not check"; cat "$tmp/err"; }
nodes() { # the catalogue's nodes of a DOT graph, sorted, on one line
    sed -n 's/^\t*\([a-z][a-z0-9_]*\)\t*\[.*/\1/p' "$1" | grep -v '^svcc' | sort | tr '\n' ' ' | sed 's/ $//'
}
for want in "v_service:a b" "v_deep:a b c s" "v_team:b c s" "v_consumer:a g1 o1" "v_offering:a b" \
            "v_tagged:a" "v_filter:b" "v_hide:c" "v_up:d"; do
    view=${want%%:*}
    "$svcc" graph -q "$tmp/views.svc" --view "$view" -T dot -o "$tmp/$view.dot" 2>"$tmp/err" || { bad "--view $view"; cat "$tmp/err"; continue; }
    got=$(nodes "$tmp/$view.dot")
    if [ "$got" = "${want#*:}" ]; then ok; else bad "--view $view draws '$got', not '${want#*:}'"; fi
done
if grep -q 'label="Who needs C"' "$tmp/v_up.dot"; then ok; else bad "a view's name is not its title"; fi
"$svcc" graph -q "$tmp/views.svc" --view v_up --title Other -T dot | grep -q 'label=Other' && ok || bad "--title does not replace a view's"
# --views: one file per view, named by its id; a view that is not there is E0903.
"$svcc" graph -q "$tmp/views.svc" --views -T mermaid -o "$tmp/all" 2>"$tmp/err" || { bad "--views"; cat "$tmp/err"; }
if [ "$(ls "$tmp/all" | wc -l)" -eq 9 ] && [ -s "$tmp/all/v_team.mmd" ]; then ok; else bad "--views wrote $(ls "$tmp/all" | tr '\n' ' ')"; fi
"$svcc" graph -q "$tmp/views.svc" --view nope -T dot >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'E0903' "$tmp/err"; then ok; else bad "an unknown view is not E0903"; fi
"$svcc" graph -q "$tmp/views.svc" --view v_up --focus a >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ]; then ok; else bad "--view with --focus is not a usage error"; fi
"$svcc" graph -q "$tmp/views.svc" --views >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q -- '-o DIR' "$tmp/err"; then ok; else bad "--views without -o is not a usage error"; fi
"$svcc" graph -q "$tmp/status.svc" --views -o "$tmp/none" >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'declares no view' "$tmp/err"; then ok; else bad "--views on a catalogue without views"; fi

# -T dot is the picture: graphviz's own rendering of it is svcc's -T svg.
sm=$top/examples/st_marys/catalogue.svc
"$svcc" graph -q "$sm" --view infra_impact -T svg -o "$tmp/direct.svg"
"$svcc" graph -q "$sm" --view infra_impact -T dot | dot -Tsvg -o "$tmp/viadot.svg"
# (the same drawing: only the order of SVG elements and their ids differ)
sed 's/ id="[^"]*"//g' "$tmp/direct.svg" | sort >"$tmp/direct.noid"
sed 's/ id="[^"]*"//g' "$tmp/viadot.svg" | sort >"$tmp/viadot.noid"
if cmp -s "$tmp/direct.noid" "$tmp/viadot.noid"; then ok; else bad "-T dot | dot -Tsvg draws otherwise than -T svg"; fi

# Each example's views, as DOT, against tests/golden/views/EXAMPLE/ (UPDATE=1 rewrites).
for ex in "$top"/examples/*/catalogue.svc; do
    name=$(basename "$(dirname "$ex")")
    want=$top/tests/golden/views/$name
    "$svcc" graph -q "$ex" --views -T dot -o "$tmp/views-$name" 2>"$tmp/err" || { bad "$name --views"; cat "$tmp/err"; continue; }
    if [ -n "${UPDATE:-}" ]; then rm -rf "$want"; mkdir -p "$want"; cp "$tmp/views-$name"/*.dot "$want/"; fi
    if diff -r "$want" "$tmp/views-$name" >"$tmp/diff"; then ok; else bad "$name's views differ from tests/golden/views/$name"; head -20 "$tmp/diff"; fi
    for f in "$tmp/views-$name"/*.dot; do
        dot -Tsvg "$f" -o "$tmp/v.svg" 2>"$tmp/err" && [ ! -s "$tmp/err" ] || bad "graphviz reads $name/$(basename "$f")"
        fits "$name view $(basename "$f" .dot)" "$tmp/v.svg"
    done
done

# Mermaid within its renderers' default limits: 400 services (596 edges)
# are refused (E0906, nothing written), written with --max-nodes 0, and
# then refused by Mermaid's own parser; 300 services are taken by it.
mkdir -p "$tmp/n300" "$tmp/n400"
"$gen" 300 "$tmp/n300"
"$gen" 400 "$tmp/n400"
"$svcc" graph -q "$tmp/n400/catalogue.svc" -T mermaid -o "$tmp/400.mmd" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'E0906' "$tmp/err" && [ ! -e "$tmp/400.mmd" ]; then ok; else bad "400 services in Mermaid are not refused"; fi
"$svcc" graph -q "$tmp/n400/catalogue.svc" -T mermaid --max-nodes 0 -o "$tmp/400.mmd" || bad "--max-nodes 0 does not lift Mermaid's limit"
"$svcc" graph -q "$tmp/n300/catalogue.svc" -T mermaid -o "$tmp/300.mmd" || bad "300 services in Mermaid"
nodedir=$top/build/node
if "$top/tests/node/install.sh" "$nodedir" >"$tmp/npm" 2>&1; then
    for want in "300:true" "400:false"; do
        echo "{\"renders\": ${want#*:}}" >"$tmp/expect.json"
        if node "$nodedir/check.mjs" mermaid-renders "$tmp/${want%%:*}.mmd" "$tmp/expect.json" >"$tmp/out"; then ok; else bad "$(cat "$tmp/out")"; fi
    done
else
    bad "the npm packages of tests/node are not installed: $(tail -1 "$tmp/npm")"
fi

if [ -n "${LAYOUT_FIGURES:-}" ]; then cat "$tmp/figures"; fi
echo "graphs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
