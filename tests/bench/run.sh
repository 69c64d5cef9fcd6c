#!/bin/sh
# make bench: generate synthetic catalogues of N services and time svcc on
# them.  Prints figures; asserts nothing about time.  BENCH_RUNS sets how
# many times each command runs (default 3; the shortest time is shown).
# Peers, in the same run: jq -c . and, with Node, V8's JSON.parse and ajv
# (parse + validate against the schema) on svcc's own JSON, cat of the
# sources.
# Usage: tests/bench/run.sh build/svcc build/bench/gen N...
set -u
svcc=$1 gen=$2
shift 2
out=$(dirname "$gen")
top=$(cd "$(dirname "$0")/../.." && pwd)
nodedir=$top/build/node
node_ok=false
if command -v node >/dev/null 2>&1 && "$top/tests/node/install.sh" "$nodedir" >"$out/npm" 2>&1; then
    node_ok=true
else
    echo "bench: no Node peers (JSON.parse, ajv): $(tail -1 "$out/npm" 2>/dev/null)"
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# measure LABEL CMD...: wall seconds and peak resident KB of CMD (stdout
# discarded), run BENCH_RUNS times (default 3): the shortest time (the
# others are the machine's noise, not svcc's work) and the largest peak.
runs=${BENCH_RUNS:-3}
measure() {
    label=$1
    shift
    best_s= best_kb=0 i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/err" || {
            echo "bench: $label failed"; cat "$out/err"; exit 1; }
        read -r secs kb <"$out/time"
        if [ -z "$best_s" ] || awk -v a="$secs" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
            best_s=$secs
        fi
        [ "$kb" -gt "$best_kb" ] && best_kb=$kb
        i=$((i + 1))
    done
    eval "${label}_s=$best_s ${label}_kb=$best_kb"
}

printf '%-8s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s\n' N source check build "MB/s" "peak MB" "mem/src" "jq -c ." cat "build/jq" "build/cat"
for n in "$@"; do
    dir=$out/n$n
    rm -rf "$dir"
    mkdir -p "$dir"
    "$gen" "$n" "$dir"
    bytes=$(cat "$dir"/*.svc | wc -c)
    measure check "$svcc" check -q "$dir/catalogue.svc"
    measure build "$svcc" build -q "$dir/catalogue.svc" -o "$dir/catalogue.json"
    measure graph "$svcc" graph -q "$dir/catalogue.svc" -T dot -o "$dir/graph.dot"
    measure diff "$svcc" diff "$dir/catalogue.svc" "$dir/catalogue.svc"
    measure fmt "$svcc" fmt "$dir/offerings.svc"
    measure jq jq -c . "$dir/catalogue.json"
    measure cat sh -c "cat '$dir'/*.svc"
    if $node_ok; then
        measure parse node "$nodedir/validate.mjs" parse "$dir/catalogue.json"
        measure ajv node "$nodedir/validate.mjs" validate "$top/schema/catalogue.schema.json" "$dir/catalogue.json"
    fi
    printf '%-8s %8sM %8ss %8ss %9s %9s %9s %8ss %8ss %9s %9s\n' "$n" "$(mb "$bytes")" "$check_s" "$build_s" \
        "$(awk -v b="$bytes" -v s="$build_s" 'BEGIN { printf "%.1f", (s > 0 ? b / 1048576 / s : 0) }')" \
        "$(awk -v k="$build_kb" 'BEGIN { printf "%.0f", k / 1024 }')" \
        "$(awk -v k="$build_kb" -v b="$bytes" 'BEGIN { printf "%.1fx", k * 1024 / b }')" \
        "$jq_s" "$cat_s" \
        "$(awk -v a="$build_s" -v b="$jq_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
        "$(awk -v a="$build_s" -v b="$cat_s" 'BEGIN { if (b > 0) printf "%.0f", a / b; else printf "-" }')"
    echo "         graph -T dot: ${graph_s}s, peak $(awk -v k="$graph_kb" 'BEGIN { printf "%.0f", k / 1024 }') MB;" \
        "diff (against itself): ${diff_s}s, peak $(awk -v k="$diff_kb" 'BEGIN { printf "%.0f", k / 1024 }') MB;" \
        "fmt offerings.svc ($(mb "$(wc -c <"$dir/offerings.svc")")M): ${fmt_s}s"
    echo "         check: $(awk -v b="$bytes" -v s="$check_s" 'BEGIN { if (s > 0) printf "%.1f MiB/s (%.1f MB/s)", b / 1048576 / s, b / 1e6 / s }') of source"
    if $node_ok; then
        echo "         JSON.parse: ${parse_s}s, build/JSON.parse $(ratio "$build_s" "$parse_s");" \
            "ajv parse+validate: ${ajv_s}s, build/ajv $(ratio "$build_s" "$ajv_s")"
    fi
    # Exports: each format once per N (markdown and html write a page per
    # entity: the file system's cost more than svcc's).
    line="         export:" all_runs=$runs runs=1
    for fmt in backstage tmf633 tmf620 csv sqlite markdown html; do
        rm -rf "$dir/export.$fmt"
        measure export "$svcc" export -q "$dir/catalogue.svc" --format "$fmt" -o "$dir/export.$fmt"
        line="$line $fmt ${export_s}s/$(awk -v k="$export_kb" 'BEGIN { printf "%.0f", k / 1024 }')MB"
        rm -rf "$dir/export.$fmt"
    done
    runs=$all_runs
    echo "$line"
    # svcc lsp: an edit's diagnostics, at 10,000 services (what an editor
    # opens); tests/bench/lsp.py.
    if [ "$n" -le 20000 ]; then
        python3 "$top/tests/bench/lsp.py" "$svcc" "$dir" || echo "bench: svcc lsp failed"
    fi
    eval "build_at_$n=$build_s"
done
if [ $# -ge 2 ]; then
    first=$1
    for last; do :; done
    eval "a=\$build_at_$first b=\$build_at_$last"
    echo "growth: build at N=$last takes $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')x the time at N=$first ($(awk -v f="$first" -v l="$last" 'BEGIN { printf "%.0f", l / f }')x the services)"
fi
# Memory on other content shapes (tests/bench/shapes.py): check's peak
# against the source.
shapes=$out/shapes
rm -rf "$shapes"
mkdir -p "$shapes"
if python3 "$top/tests/bench/shapes.py" "$shapes"; then
    for f in full org warned; do
        measure shape "$svcc" check -q "$shapes/$f.svc"
        bytes=$(wc -c <"$shapes/$f.svc")
        echo "shape $f.svc ($(mb "$bytes")M): check ${shape_s}s, peak $(awk -v k="$shape_kb" 'BEGIN { printf "%.0f", k / 1024 }') MB," \
            "mem/src $(awk -v k="$shape_kb" -v b="$bytes" 'BEGIN { printf "%.1fx", k * 1024 / b }')"
    done
fi
echo "targets at N=100000: build/JSON.parse <= 0.50, check >= 60 MB/s (10^6 bytes), growth <= 11x over 10x the services, mem/src <= 4.0x (on any shape); at N=10000: svcc lsp's diagnostics after an edit, aim < 100 ms"
