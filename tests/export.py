"""svcc export, read by the tools it is for (docs/export.md).

Usage: python3 tests/export.py SVCC WORKDIR NODE_DIR

For every example: the CSV folder read by Python's csv module (RFC 4180)
and the database by SQLite (Python's sqlite3 and the sqlite3 program);
both hold the same rows, the catalogue JSON's entities, keys that resolve
(PRAGMA foreign_key_check), and the `impact` view agrees with `svcc impact`
for every service and supplier (whose JSON validates against
schema/impact.schema.json).  The Backstage entities pass Backstage's
own validators (node backstage.mjs) and hold the catalogue; ids Backstage
refuses are repaired, each with a warning.  The Markdown pages, read by
markdown-it and Mermaid (node pages.mjs), link to each other; Chromium
opens every page of the HTML portal (node portal.mjs), searches and
filters, and takes screenshots to build/screenshots.  The TM
Forum resources validate against TM Forum's own definitions made strict
(node tmf.mjs), their references resolve, and their money is the
catalogue's.  Two runs give the same bytes.  Then the command's failures:
each a message and exit 2, with an earlier export left as it was and no
temporary file behind.  Prints FAIL lines and a count; exits 1 on any
failure.
"""
import csv
import filecmp
import json
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

svcc, work, node_dir = sys.argv[1], sys.argv[2], sys.argv[3]
backstage_mjs, tmf_mjs = os.path.join(node_dir, "backstage.mjs"), os.path.join(node_dir, "tmf.mjs")
pages_mjs, portal_mjs = os.path.join(node_dir, "pages.mjs"), os.path.join(node_dir, "portal.mjs")
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args):
    return subprocess.run([svcc, *args], capture_output=True, text=True)


def csv_rows(folder, table):
    with open(os.path.join(folder, table + ".csv"), newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))


def same_number(a, b):
    """A CSV cell and SQLite's value: numbers compare as numbers ("99.90", 99.9)."""
    if b is None:
        return a == ""
    if isinstance(b, (int, float)) and not isinstance(b, bool):
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return a == b


def same_tree(a, b):
    """Folders A and B hold the same files, byte for byte."""
    walk = lambda d: sorted(os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs)
    return walk(a) == walk(b) and all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False)
                                      for f in walk(a))


def pages_check(what, folder, headings):
    """markdown-it and Mermaid on every page (node pages.mjs)."""
    expect = folder + ".expect.json"
    with open(expect, "w") as f:
        json.dump({"headings": headings}, f)
    r = subprocess.run(["node", pages_mjs, folder, expect], capture_output=True, text=True)
    check(f"{what}: markdown-it and Mermaid read every page; links resolve", r.returncode == 0,
          (r.stdout + r.stderr)[-800:])


def check_pages(ex, folder, doc):
    """A page per service, offering and team, headed with its name; the index links to each."""
    want = {"index.md": doc["catalogue"]["name"] or doc["catalogue"]["id"]}
    for key, sub in (("services", "services"), ("offerings", "offerings"), ("teams", "teams")):
        for e in doc[key]:
            want[f"{sub}/{e['id']}.md"] = e["name"] or e["id"]
    got = sorted(os.path.relpath(os.path.join(r, f), folder) for r, _, fs in os.walk(folder) for f in fs)
    check(f"{ex}: markdown: the index and a page per service, offering and team", got == sorted(want),
          f"{got[:5]} {sorted(want)[:5]}")
    index = open(os.path.join(folder, "index.md")).read()
    check(f"{ex}: markdown: the index links to every page",
          all(f"]({p})" in index for p in want if p != "index.md"))
    pages_check(f"{ex}: markdown", folder, want)


def portal_check(what, folder, expect, shots=None):
    """Chromium through every page of the portal (node portal.mjs)."""
    path = folder + ".expect.json"
    with open(path, "w") as f:
        json.dump(expect, f)
    r = subprocess.run(["node", portal_mjs, folder, path] + ([shots] if shots else []), capture_output=True,
                       text=True, timeout=600)
    check(f"{what}: Chromium opens every page without an error; links resolve; search and filters work",
          r.returncode == 0, (r.stdout + r.stderr)[-1200:])


PORTAL_PAGES = {"services": "services", "offerings": "offerings", "teams": "teams", "people": "people",
                "practices": "practices", "consumers": "consumers", "suppliers": "suppliers"}


def check_portal(ex, folder, doc):
    """A page per entity of each kind, headed with its name; the index's search and status filter."""
    want = {"index.html": doc["catalogue"]["name"] or doc["catalogue"]["id"]}
    for key, sub in PORTAL_PAGES.items():
        for e in doc[key]:
            if key == "practices" and e["source"]["module"]:
                continue
            want[f"{sub}/{e['id']}.html"] = e["name"] or e["id"]
    got = {os.path.relpath(os.path.join(r, f), folder) for r, _, fs in os.walk(folder) for f in fs}
    missing = sorted(set(want) - got)
    check(f"{ex}: html: a page per service, offering, team, person, practice, consumer group and supplier",
          not missing, str(missing[:5]))
    check(f"{ex}: html: the graph page and the assets", {"graph.html", "assets/portal.css", "assets/portal.js"} <= got)
    names = {t["id"]: t["name"] or t["id"] for t in doc["teams"] + doc["people"]}
    first = doc["services"][0]
    query = (first["name"] or first["id"]).lower()
    shown = [s["id"] for s in doc["services"]
             if query in " ".join([s["name"] or "", s["id"], s["type"], s["status"], names.get(s["owner"]["id"], ""),
                                   s["description"] or ""]).lower()]
    live = sum(1 for s in doc["services"] if s["status"] == "live")
    shots = os.path.join(top, "build", "screenshots", ex)
    os.makedirs(shots, exist_ok=True)
    portal_check(f"{ex}: html", folder, {"headings": want, "search": [query, shown], "status": ["live", live]}, shots)
    check(f"{ex}: html: screenshots of the index and a service page in build/screenshots",
          all(os.path.getsize(os.path.join(shots, f)) > 10000 for f in ("portal-index.png", "portal-service.png")))


def backstage(what, yml):
    """Backstage's validators on YML: its entities, or [] after a failure."""
    summary = yml + ".json"
    r = subprocess.run(["node", backstage_mjs, yml, summary], capture_output=True, text=True)
    check(f"{what}: Backstage's validators take every entity", r.returncode == 0, (r.stdout + r.stderr)[-800:])
    return json.load(open(summary)) if r.returncode == 0 else []


BACKSTAGE_KIND = {"services": "Component", "offerings": "System", "teams": "Group", "people": "User",
                  "consumers": "Group", "resources": "Resource", "suppliers": "Resource"}


def check_backstage(ex, yml, doc):
    """Every entity of the catalogue, by its svcc id, with its name and its links."""
    ents = backstage(ex, yml)
    by_id = {(e["kind"], e["annotations"].get("svcc/kind"), e["annotations"].get("svcc/id")): e for e in ents}
    name_of = {(k, i): e["name"] for (k, _, i), e in by_id.items()}
    singular = {"services": "service", "offerings": "offering", "teams": "team", "people": "person",
                "consumers": "consumer", "resources": "resource", "suppliers": "supplier"}
    for key, kind in BACKSTAGE_KIND.items():
        for x in doc[key]:
            e = by_id.get((kind, singular[key], x["id"]))
            check(f"{ex}: {key} {x['id']} is a {kind}, titled with its name",
                  e is not None and e["title"] == (x["name"] or x["id"]), str(e)[:200])
    prov = doc["catalogue"]["provider"]
    domain = by_id.get(("Domain", "catalogue", doc["catalogue"]["id"]))
    orgs = [e for e in ents if e["kind"] == "Group" and e["spec"]["type"] == "organization"]
    groups = [e for e in ents if e["kind"] == "Group" and e["annotations"].get("svcc/kind") == "team"]
    if prov.get("kind") == "team":  # its team's Group is the provider: parent of the other teams
        top = name_of[("Group", prov["id"])]
        check(f"{ex}: a provider team: no organization Group", not orgs, str(orgs)[:200])
        check(f"{ex}: a provider team owns the Domain", domain and domain["spec"]["owner"] == "group:" + top)
        check(f"{ex}: a provider team is the other teams' parent",
              all((g["name"] == top) == ("parent" not in g["spec"]) and
                  (g["name"] == top or g["spec"]["parent"] == "group:" + top) for g in groups))
        check(f"{ex}: a provider team's children are the other teams",
              sorted(next(g for g in groups if g["name"] == top)["spec"]["children"]) ==
              sorted("group:" + g["name"] for g in groups if g["name"] != top))
    else:
        check(f"{ex}: an organisation's name: an organization Group owns the Domain",
              len(orgs) == 1 and orgs[0]["spec"]["profile"]["displayName"] == prov["name"] and
              domain["spec"]["owner"] == "group:" + orgs[0]["name"], str(orgs)[:200])
    for s in doc["services"]:
        e = by_id.get(("Component", "service", s["id"]))
        if not e:
            continue
        want = sorted(("component:" + name_of[("Component", d["id"])]) if d["kind"] == "service"
                      else ("resource:" + name_of[("Resource", d["id"])]) for d in s["depends_on"])
        check(f"{ex}: {s['id']}'s dependsOn are its dependencies", sorted(e["spec"]["dependsOn"]) == want,
              f"{e['spec']['dependsOn']} {want}")
        life = {"live": "production", "pipeline": "experimental", "retired": "deprecated"}[s["status"]]
        check(f"{ex}: {s['id']}'s lifecycle", e["spec"]["lifecycle"] == life)
        owner = s["owner"]["id"]
        kind = "group" if s["owner"]["kind"] == "team" else "user"
        check(f"{ex}: {s['id']}'s owner is a typed reference",
              e["spec"]["owner"] == f"{kind}:" + name_of[("Group" if kind == "group" else "User", owner)],
              e["spec"]["owner"])


from jsonschema import Draft202012Validator  # noqa: E402 (Debian's python3-jsonschema)
Draft202012Validator.check_schema(json.load(open(os.path.join(top, "schema", "impact.schema.json"))))
IMPACT_SCHEMA = Draft202012Validator(json.load(open(os.path.join(top, "schema", "impact.schema.json"))))

TMF_DEFS = {("tmf633", 4): "TMF633-ServiceCatalog-v4.0.0.swagger.json",
            ("tmf620", 4): "TMF620-ProductCatalog-v4.1.0.swagger.json",
            ("tmf620", 5): "TMF620-Product_Catalog_Management-v5.0.0.oas.yaml"}


def check_tmf(ex, files, doc):
    """Strictly valid against TM Forum's definitions; references resolve; the catalogue's content."""
    ids = {"MarketSegment": {c["id"] for c in doc["consumers"]},
           "Organization": {t["id"] for t in doc["teams"] + doc["suppliers"]} | {doc["catalogue"]["id"]},
           "Individual": {p["id"] for p in doc["people"]},
           "ResourceSpecification": {r["id"] for r in doc["resources"]}}
    summaries = {}
    for (api, v), path in files.items():
        summary = path + ".summary.json"
        r = subprocess.run(["node", tmf_mjs, os.path.join(top, "tests", "interop", "tmf", TMF_DEFS[(api, v)]), path,
                            api, summary], capture_output=True, text=True)
        check(f"{ex}: {api} v{v} validates against TM Forum's definitions, strictly", r.returncode == 0,
              (r.stdout + r.stderr)[-800:])
        summaries[(api, v)] = json.load(open(summary)) if r.returncode == 0 else {"refs": [], "ids": {}}
        for t, i in summaries[(api, v)]["ids"].items():
            ids.setdefault(t, set()).update(i)
    for (api, v), sm in summaries.items():
        dangling = [r for r in sm["refs"] if r[1] not in ids.get(r[0], set())]
        check(f"{ex}: {api} v{v}: every reference resolves", not dangling, str(dangling[:5]))
    spec633 = json.load(open(files[("tmf633", 4)]))
    prov = doc["catalogue"]["provider"]
    party = [p for p in spec633["serviceCatalog"][0]["relatedParty"] if p["role"] == "provider"]
    check(f"{ex}: tmf633: the provider party is the provider team, or the organisation named",
          [(p["id"], p["name"]) for p in party] ==
          ([(prov["id"], {t["id"]: t["name"] for t in doc["teams"]}[prov["id"]])] if prov.get("kind") == "team"
           else [(doc["catalogue"]["id"], prov["name"])]), str(party))
    check(f"{ex}: tmf633: a ServiceSpecification per service",
          sorted(s["id"] for s in spec633["serviceSpecification"]) == sorted(s["id"] for s in doc["services"]))
    for v in (4, 5):
        d620 = json.load(open(files[("tmf620", v)]))
        check(f"{ex}: tmf620 v{v}: a ProductOffering per offering, with its name",
              {o["id"]: o["name"] for o in d620["productOffering"]} ==
              {o["id"]: o["name"] or o["id"] for o in doc["offerings"]})
        want = sorted((o["id"], float(p["amount"]), p["currency"]) for o in doc["offerings"] for p in o["price"]
                      if not p["chargeback"])
        got = sorted((p["id"].rsplit("-price-", 1)[0], p["price"]["value"], p["price"]["unit"])
                     for p in d620["productOfferingPrice"])
        check(f"{ex}: tmf620 v{v}: every price that is not charged back, money as a number", got == want,
              f"{got} {want}")
        monthly = [p for p in d620["productOfferingPrice"] if p.get("recurringChargePeriodType") == "month"]
        check(f"{ex}: tmf620 v{v}: 'per user per month' is a monthly price per user",
              all(p["unitOfMeasure"]["units"] == "user" for p in monthly
                  if "user" in json.dumps(p.get("unitOfMeasure", {}))))


for ex in ("st_marys", "northwind", "cloudnine"):
    root = os.path.join(top, "examples", ex, "catalogue.svc")
    out = os.path.join(work, ex)
    os.makedirs(out)
    folder, db_path, yml = os.path.join(out, "csv"), os.path.join(out, "c.db"), os.path.join(out, "c.yaml")
    pages, portal = os.path.join(out, "md"), os.path.join(out, "html")
    tmf = {(api, v): os.path.join(out, f"{api}-v{v}.json") for api, v in TMF_DEFS}
    for dest, fmt, extra in ((folder, "csv", []), (db_path, "sqlite", []), (yml, "backstage", []),
                             (pages, "markdown", []), (portal, "html", []),
                             *((p, api, ["--tmf-version", str(v)]) for (api, v), p in tmf.items())):
        r = run("export", "-q", root, "--format", fmt, *extra, "-o", dest)
        check(f"{ex}: export {fmt} {' '.join(extra)} exits 0", r.returncode == 0, r.stderr[:300])
        again = dest + ".again"
        run("export", "-q", root, "--format", fmt, *extra, "-o", again)
        same = (filecmp.cmp(dest, again, shallow=False) if os.path.isfile(dest) else same_tree(dest, again))
        check(f"{ex}: export {fmt} is the same, byte for byte, twice", same)
    doc = json.loads(run("build", "-q", root).stdout)
    db = sqlite3.connect(db_path)
    check(f"{ex}: SQLite finds the database sound",
          db.execute("PRAGMA integrity_check").fetchall() == [("ok",)])
    check(f"{ex}: every foreign key resolves", db.execute("PRAGMA foreign_key_check").fetchall() == [],
          str(db.execute("PRAGMA foreign_key_check").fetchall()[:3]))
    tables = sorted(f[:-4] for f in os.listdir(folder))
    names = sorted(n for (n,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"))
    check(f"{ex}: the CSV folder and the database hold the same tables", tables == names, f"{tables} {names}")
    for t in tables:
        rows = csv_rows(folder, t)
        cur = db.execute(f"SELECT * FROM {t}")
        cols = [d[0] for d in cur.description]
        want = cur.fetchall()
        check(f"{ex}: {t}: CSV header is the table's columns", rows[0] == cols, f"{rows[0]} {cols}")
        check(f"{ex}: {t}: CSV rows are the table's rows",
              len(rows) - 1 == len(want) and all(len(a) == len(b) and all(map(same_number, a, b))
                                                  for a, b in zip(rows[1:], want)),
              f"{rows[1:2]} {want[:1]}")
    for kind, table in (("services", "services"), ("offerings", "offerings"), ("teams", "teams"),
                        ("people", "people"), ("consumers", "consumers"), ("practices", "practices"),
                        ("requirements", "requirements"), ("suppliers", "suppliers"),
                        ("resources", "resources"), ("frameworks", "frameworks")):
        got = dict(db.execute(f"SELECT id, name FROM {table}").fetchall())
        check(f"{ex}: {table}: the JSON's {kind}, with their names",
              got == {e["id"]: e["name"] for e in doc[kind]}, f"{sorted(got)[:5]}")
    # The provider: a team (northwind) or an organisation's name (the others).
    prov = doc["catalogue"]["provider"]
    team = {t["id"]: t for t in doc["teams"]}.get(prov.get("id")) if prov.get("kind") == "team" else None
    got = db.execute("SELECT provider, provider_team FROM catalogue").fetchall()
    check(f"{ex}: the catalogue's provider and provider_team",
          got == [(team["name"], team["id"]) if team else (prov["name"], None)], str(got))
    check(f"{ex}: northwind's provider is a team", (ex == "northwind") == (team is not None), str(prov))
    deps = sum(len(s["depends_on"]) for s in doc["services"]) + sum(len(s["depends_on"]) for s in doc["resources"])
    check(f"{ex}: every dependency", db.execute("SELECT count(*) FROM dependencies").fetchone()[0] == deps)
    # The impact view against svcc impact, for every service and supplier;
    # svcc impact's JSON against schema/impact.schema.json.
    for e in doc["services"] + doc["suppliers"]:
        text = run("impact", "-q", root, e["id"], "-T", "json").stdout
        im = json.loads(text)
        errors = sorted(IMPACT_SCHEMA.iter_errors(im), key=str)
        check(f"{ex}: impact of {e['id']}: the JSON validates against schema/impact.schema.json", not errors,
              str(errors[:1])[:300])
        want = sorted((s["id"], s["distance"], s["path"] == "hard") for s in im["services"])
        q = subprocess.run(["sqlite3", "-json", db_path,
                            f"SELECT affected, distance, hard FROM impact WHERE service = '{e['id']}'"],
                           capture_output=True, text=True)
        got = sorted((x["affected"], x["distance"], bool(x["hard"])) for x in json.loads(q.stdout or "[]"))
        check(f"{ex}: the impact view of {e['id']} is svcc impact's", got == want, f"{got} {want}")
    db.close()
    check_backstage(ex, yml, doc)
    check_tmf(ex, tmf, doc)
    check_pages(ex, pages, doc)
    check_portal(ex, portal, doc)

# Ids Backstage refuses: repaired to names it takes, each a warning at the id.
LONG = "s" + "x" * 76
REPAIRS = f"""catalogue _cat "Repairs" {{
  version "1"
  provider "P"
}}
team Ops "Ops upper" {{ email "o@example.org" }}
team ops "Ops lower" {{ email "p@example.org" }}
person _ada "Ada" {{ team ops }}
consumer _staff "Staff" {{ size 3 }}
consumer staff_ "Staff 2" {{ size 3 }}
service Email "Email upper" {{
  type business
  status live
  availability 099.5%
  owner Ops
  depends_on email, {LONG} {{ strength soft }}
}}
service email "Email lower" {{
  type technical
  status live
  owner ops
}}
service {LONG} "Long" {{
  type technical
  status retired
  owner _ada
  tags "Clinical Systems", "clinical-systems", "  ", "C++ / C#"
}}
supplier a__b "Supplier" {{ owner ops }}
offering _o "Offering" {{
  services Email, email
  consumers _staff, staff_
  action a "A" {{ performed_by ops; trigger request }}
}}
"""
rep = os.path.join(work, "repairs")
os.makedirs(rep)
rep_svc = os.path.join(rep, "ids.svc")
with open(rep_svc, "w") as f:
    f.write(REPAIRS)
opts = ["-Wno-W0405", "-Wno-W0201", "-Wno-W0602"]
r = run("export", *opts, rep_svc, "--format", "backstage")
check("repairs: export backstage to standard output exits 0", r.returncode == 0, r.stderr[:300])
warned = sorted(line.split("'")[1] for line in r.stderr.splitlines() if line.endswith("[W0901]"))
check("repairs: one W0901 per id repaired, at the id",
      warned == sorted(["_cat", "ops", "_ada", "_staff", "staff_", "email", LONG, "_o"]), str(warned))
yml = os.path.join(rep, "ids.yaml")
with open(yml, "w") as f:
    f.write(r.stdout)
ents = backstage("repairs", yml)
names = {(e["kind"], e["annotations"]["svcc/id"]): e["name"] for e in ents}
check("repairs: a valid id is kept (the first of two that differ in case)", names.get(("Component", "Email")) == "Email")
check("repairs: a valid id is kept (a__b)", names.get(("Resource", "a__b")) == "a__b")
check("repairs: the other of two ids that differ in case gets the id's hash",
      re.fullmatch(r"email-[0-9a-f]{8}", names.get(("Component", "email"), "")), names.get(("Component", "email")))
check("repairs: a leading underscore goes", re.fullmatch(r"staff-[0-9a-f]{8}", names.get(("Group", "_staff"), "")))
check("repairs: two ids that repair alike stay apart",
      names.get(("Group", "_staff")) != names.get(("Group", "staff_")))
check("repairs: a 77-character id is cut to 63", len(names.get(("Component", LONG), "")) == 63)
tags = [e["tags"] for e in ents if e["annotations"]["svcc/id"] == LONG]
check("repairs: tags made Backstage tags, each once", tags == [["clinical-systems", "c++-c#"]], str(tags))
r2 = run("export", *opts, rep_svc, "--format", "backstage", "-o", "-")
check("repairs: the same bytes twice", r2.stdout == r.stdout)
r = run("export", *opts, "-Werror=W0901", rep_svc, "--format", "backstage", "-o", yml)
check("repairs: -Werror=W0901 fails the export (exit 1)", r.returncode == 1, r.stderr[-300:])
check("repairs: ... and leaves the earlier file as it was", open(yml).read() == r2.stdout)
md = os.path.join(rep, "md")
r = run("export", *opts, rep_svc, "--format", "markdown", "-o", md)
check("repairs: export markdown exits 0", r.returncode == 0, r.stderr[-300:])
svc_pages = sorted(os.listdir(os.path.join(md, "services"))) if os.path.isdir(os.path.join(md, "services")) else []
check("repairs: markdown: two ids that differ in case get two pages (a case-blind file system keeps both)",
      len(svc_pages) == 3 and "Email.md" in svc_pages and any(re.fullmatch(r"email-[0-9a-f]{8}\.md", p) for p in svc_pages),
      str(svc_pages))
pages_check("repairs: markdown", md, {"services/Email.md": "Email upper"})
for api in ("tmf633", "tmf620"):
    r = run("export", *opts, rep_svc, "--format", api)
    try:
        json.loads(r.stdout)
        check(f"repairs: {api}: valid JSON with 'availability 099.5%' (a number with a leading zero)", True)
    except ValueError as e:
        check(f"repairs: {api}: valid JSON with 'availability 099.5%' (a number with a leading zero)", False, str(e))
portal = os.path.join(rep, "html")
r = run("export", "-Wno-W0405", "-Wno-W0201", rep_svc, "--format", "html", "-o", portal)  # W0602 stays
check("repairs: export html exits 0", r.returncode == 0, r.stderr[-300:])
check("repairs: html: the warnings have a page", os.path.isfile(os.path.join(portal, "diagnostics.html")))
lower = [p for p in os.listdir(os.path.join(portal, "services")) if p.startswith("email-")]
check("repairs: html: two ids that differ in case get two pages", len(lower) == 1, str(lower))
quiet = os.path.join(rep, "html-q")
r = run("export", "-q", "-Wno-W0405", "-Wno-W0201", rep_svc, "--format", "html", "-o", quiet)
check("repairs: html -q: the warnings still have their page (-q quiets stderr, not the portal)",
      r.returncode == 0 and r.stderr == "" and os.path.isfile(os.path.join(quiet, "diagnostics.html")) and
      open(os.path.join(quiet, "diagnostics.html")).read() == open(os.path.join(portal, "diagnostics.html")).read(),
      r.stderr[-300:])
portal_check("repairs: html", portal, {"headings": {"diagnostics.html": "Diagnostics", "services/Email.html": "Email upper",
                                                     **{f"services/{p}": "Email lower" for p in lower}}})

# Failures: a message, exit 2, the earlier export untouched, nothing left behind.
root = os.path.join(top, "examples", "northwind", "catalogue.svc")
fails = os.path.join(work, "fails")
os.makedirs(fails)
good_db = os.path.join(fails, "c.db")
run("export", "-q", root, "--format", "sqlite", "-o", good_db)
good_csv = os.path.join(fails, "csv")
run("export", "-q", root, "--format", "csv", "-o", good_csv)
snapshot = {p: open(os.path.join(good_csv, p), "rb").read() for p in os.listdir(good_csv)}
db_bytes = open(good_db, "rb").read()
broken = os.path.join(fails, "broken.svc")
with open(broken, "w") as f:
    f.write('catalogue c "C" {\n  version "1"\n  provider "P"\n  owner nobody\n}\n')
# A table's file replaced by a folder: that table cannot be written.
os.remove(os.path.join(good_csv, "prices.csv"))
os.mkdir(os.path.join(good_csv, "prices.csv"))
del snapshot["prices.csv"]
for what, args, code, says in (
        ("no format", ["export", root, "-o", good_db], 2, "name the format"),
        ("an unknown format", ["export", root, "--format", "xlsx", "-o", good_db], 2, "csv or sqlite"),
        ("tmf633 version 5", ["export", root, "--format", "tmf633", "--tmf-version", "5"], 2, "version 4 only"),
        ("--tmf-version 6", ["export", root, "--format", "tmf620", "--tmf-version", "6"], 2, "4 or 5"),
        ("--tmf-version without tmf", ["export", root, "--format", "csv", "--tmf-version", "4", "-o", good_csv], 2,
         "goes with --format tmf633 or tmf620"),
        ("--tmf-version on build", ["build", root, "--tmf-version", "4"], 2, "an option of 'export'"),
        ("no -o", ["export", root, "--format", "sqlite"], 2, "-o FILE"),
        ("-o -", ["export", root, "--format", "csv", "-o", "-"], 2, "-o DIR"),
        ("csv onto a file", ["export", root, "--format", "csv", "-o", good_db], 2, "it is a file"),
        ("markdown onto a file", ["export", root, "--format", "markdown", "-o", good_db], 2, "it is a file"),
        ("markdown without -o", ["export", root, "--format", "markdown"], 2, "-o DIR"),
        ("html onto a file", ["export", root, "--format", "html", "-o", good_db], 2, "it is a file"),
        ("sqlite onto a folder", ["export", root, "--format", "sqlite", "-o", good_csv], 2, "it is a folder"),
        ("sqlite onto standard output", ["export", root, "--format", "sqlite", "-o", "/dev/stdout"], 2,
         "must name a file"),
        ("an input as the output", ["export", root, "--format", "sqlite", "-o", root], 2, "one of the inputs"),
        ("a catalogue with errors", ["export", broken, "--format", "sqlite", "-o", good_db], 1, "E0"),
        ("a table that cannot be written", ["export", root, "--format", "csv", "-o", good_csv], 2,
         "prices.csv"),
        ("--with, a graph option", ["export", root, "--format", "csv", "-o", good_csv, "--with", "offerings"],
         2, "options of 'graph'")):
    r = run(*args)
    check(f"export with {what}: exit {code}", r.returncode == code, f"{r.returncode} {r.stderr[:300]}")
    check(f"export with {what}: says why", says in r.stderr, r.stderr[:300])
check("failed exports: the database is as it was", open(good_db, "rb").read() == db_bytes)
check("failed exports: the other tables are as they were",
      all(open(os.path.join(good_csv, p), "rb").read() == b for p, b in snapshot.items()))
left = [p for p in os.listdir(fails) + os.listdir(good_csv) if p.startswith(".") or "tmp" in p]
check("failed exports: no temporary file left behind", not left, str(left))
with open(os.path.join(top, "examples", "northwind", "catalogue.svc"), "rb") as f:
    check("failed exports: the input untouched", b"catalogue" in f.read())

finish("export")
