#!/bin/sh
# SARIF output (--diagnostics-format sarif) validated against the official
# SARIF 2.1.0 schema, which the npm package @microsoft/jest-sarif ships; it
# is fetched once into build/ (not kept in the repository).  Without npm or
# the registry the validation is skipped, and said so.
# Usage: tests/sarif.sh build/svcc
set -u
svcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0
cache=$(dirname "$svcc")/sarif-2.1.0.schema.json

if [ ! -s "$cache" ] && command -v npm >/dev/null 2>&1; then
    (cd "$tmp" && timeout 120 npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1 &&
     tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json &&
     cp package/lib/schemas/sarif-2.1.0-rtm.5.json "$cache")
fi

# Runs: errors with notes (a cycle), warnings, a clean file, no location.
cd "$top/tests/golden/sema" || exit 1
"$svcc" check --diagnostics-format sarif E0601_hard_cycle.svc 2>"$tmp/cycle.sarif"
"$svcc" check --diagnostics-format sarif W0502_unknown_metric.svc 2>"$tmp/warn.sarif"
"$svcc" check --diagnostics-format sarif ../clean/near_misses.svc 2>"$tmp/clean.sarif"
"$svcc" check --diagnostics-format sarif nope.svc 2>"$tmp/nofile.sarif"

/usr/bin/python3 - "$tmp" "$cache" <<'PY' >"$tmp/result"
import json, os, sys
tmp, cache = sys.argv[1], sys.argv[2]
ok = bad = skipped = 0
def check(name, cond):
    global ok, bad
    if cond: ok += 1
    else:
        bad += 1
        print(f"FAIL: {name}")
docs = {n: json.load(open(os.path.join(tmp, n + ".sarif"))) for n in ("cycle", "warn", "clean", "nofile")}
for n, d in docs.items():
    check(f"{n}: version 2.1.0", d.get("version") == "2.1.0")
    driver = d["runs"][0]["tool"]["driver"]
    check(f"{n}: driver rules", driver["name"] == "svcc" and len(driver["rules"]) > 50)
    check(f"{n}: rules have descriptions and help", all(
        r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"] for r in driver["rules"]))
res = docs["cycle"]["runs"][0]["results"]
check("cycle: one result E0601 with three related locations",
      len(res) == 1 and res[0]["ruleId"] == "E0601" and len(res[0]["relatedLocations"]) == 3)
reg = res[0]["locations"][0]["physicalLocation"]["region"]
check("cycle: region", reg["startLine"] == 34 and reg["startColumn"] == 14)
check("warn: warning level", all(r["level"] == "warning" for r in docs["warn"]["runs"][0]["results"]))
check("clean: no results", docs["clean"]["runs"][0]["results"] == [])
nf = docs["nofile"]["runs"][0]["results"]
check("nofile: a result without a location", len(nf) == 1 and "locations" not in nf[0])
if os.path.getsize(cache) if os.path.exists(cache) else 0:
    import jsonschema
    schema = json.load(open(cache))
    V = jsonschema.validators.validator_for(schema)
    v = V(schema)
    for n, d in docs.items():
        errs = list(v.iter_errors(d))
        check(f"{n}: valid against the SARIF 2.1.0 schema" + (f" ({errs[0].message[:150]})" if errs else ""), not errs)
else:
    skipped += 1
    print("sarif: the SARIF schema could not be fetched (npm); schema validation skipped")
print(f"sarif: {ok} passed, {bad} failed, {skipped} skipped")
PY
cat "$tmp/result"
grep -q ", 0 failed" "$tmp/result"
