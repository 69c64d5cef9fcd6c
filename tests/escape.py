"""Property test of every output other programs read, with hostile names.

Usage: python3 tests/escape.py SVCC WORKDIR NODE_CHECK|-

Writes two versions of a catalogue whose services, owners, offerings,
consumer groups and supplier have names full of each format's special
characters (see_also lines between services too) (a
fixed list of known attacks, then random strings from a seeded generator),
runs svcc on them and reads each output with that format's own reader:

  catalogue JSON     json (Python) and the schema (python3-jsonschema)
  diagnostics JSON   json; SARIF: json
  DOT                graphviz itself (dot -Tsvg), then the SVG as XML
  SVG                xml.etree (an XML parser): well-formed, and each
                     node's text is its name (controls as control pictures)
  Mermaid            Mermaid's own parser (node check.mjs mermaid)
  Markdown (diff)    markdown-it (node check.mjs markdown)
  export csv         Python's csv module (RFC 4180), against the JSON
  export sqlite      SQLite (Python's sqlite3), against the CSV tables
  export backstage   the yaml package and @backstage/catalog-model's
                     validators (node backstage.mjs)
  export tmf633/620  json, and ajv against TM Forum's definitions (node tmf.mjs)
  export markdown    markdown-it and Mermaid's parser (node pages.mjs)
  export html        Chromium (node portal.mjs): headings as written, no
                     error, links resolve, the search finds a name
  terminal text      diff, impact, diagnostics: no control character,
                     escape sequence or bidirectional override reaches it

and checks node ids against legend and cluster ids.  Prints PASS/FAIL
lines and a closing count; exits 1 on any failure.
"""
import csv
import html.parser
import json
import shutil
import os
import random
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

svcc, work, node_check = sys.argv[1], sys.argv[2], sys.argv[3]
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


ATTACKS = [
    '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
    "%% a comment",
    'quote " in the middle',
    "line one\nline two",
    "carriage\rreturn\r\nand CRLF",
    "<script>alert(1)</script> <b>bold</b> <br>",
    "`` ` `` code ``` fence",
    "| cell | break |",
    "# heading",
    "![image](http://example.org/x.png) [link](http://example.org)",
    "trailing backslash\\",
    "graphviz escapes \\N \\G \\E \\T \\H \\L \\l \\r \\n",
    "a;b#c&d&amp;e#35;f#quot;g",
    "escape \x1b[31mred\x1b[0m \x1b]0;title\x07",
    "bell\x07 tab\t del\x7f unit\x1f",
    "C1 \u009b31m csi \u0085 nel",
    "bidi \u202eevil\u202c \u2066isolate\u2069",
    "emoji \U0001F600 wide \u6f22\u5b57 combining e\u0301",
    "-->|label| end subgraph",
    "end",
    "'single' \"double\" `back`",
    "**bold** _it_ ~~strike~~ $x$ <http://example.org>",
    "  leading and trailing spaces  ",
    "{braces} [brackets] (parens)",
    "classDef evil fill:#f00",
    "click s_x call alert(1)",
    "\\",
    "x\\\"y",
]

ALPHABET = list('"\'`%#;:<>&|\\[](){}*_~$!-=+/.,@^?') + ["\n", "\r", "\t", "\x1b", "\x00x", "\x7f", " ", "a", "Z", "9",
                                                        "\u00e9", "\u202e", "\U0001F600", "\u0085", "%%", "#quot;", "<br>", "\\N"]


def random_names(n, seed):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        s = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 24)))
        out.append(s.replace("\x00", ""))  # a string holds no NUL
    return out


def svc_string(s):
    """S as a .svc string literal."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F:
            out.append("\\u{%X}" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def pictures(s):
    """Controls as Unicode control pictures, as svcc draws them."""
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 else "\u2421" if c == "\x7f" else c for c in s)


def lines_of(s):
    return s.replace("\r\n", "\n").replace("\r", "\n")


def shown(s):
    """S as a graph draws it: line breaks kept, other controls as pictures."""
    return "\n".join(pictures(line) for line in lines_of(s).split("\n"))


names = ATTACKS + random_names(60, 20261130)
BODY = ("  type technical\n  status live\n  intangibility high\n  heterogeneity low\n"
        "  inseparability low\n  perishability low\n")


def catalogue(version):
    """Version 0 or 1: 1 gives every service the next one's name, and the
    provider is a team (with a hostile name) where 0 names an organisation
    (a hostile name too)."""
    provider = "a-b" if version else svc_string(names[17])
    out = [f'catalogue c {svc_string(names[16])} {{\n  version "1"\n  provider {provider}\n}}\n']
    # Owners whose clusters could meet the legend's or each other's.
    owners = ["legend", "a-b", "a_b", "cluster_x"]
    for i, o in enumerate(owners):
        out.append(f"team {o} {svc_string(names[i])} {{\n  email \"t@example.org\"\n}}\n")
    out.append(f"consumer staff {svc_string(names[4])} {{\n  size 10\n}}\n")
    # A supplier (drawn as a hexagon) with a hostile name; see_also lines.
    out.append(f"supplier x1 {svc_string(names[7])} {{\n  owner legend\n}}\n")
    # A calendar with a hostile name, named as the offering's support hours.
    out.append(f"calendar hours {svc_string(names[(8 + version) % len(names)])} {{\n"
               f"  zone \"Europe/London\"\n  hours mon-fri 08:30-12:00, 13:00-17:00\n}}\n")
    for i in range(len(names)):
        name = names[(i + version) % len(names)]
        deps = f"  depends_on s{i - 1}\n" if i else "  depends_on x1 { strength soft }\n"
        if i >= 2:
            deps += f"  see_also s{i - 2}\n"
        out.append(f"service s{i} {svc_string(name)} {{\n{BODY}  owner {owners[i % len(owners)]}\n{deps}"
                   f"  tags {svc_string(name)}\n}}\n")
    # An assessment: a framework, a group, a requirement and evidence with
    # hostile names, reported by svcc report.
    out.append(f"framework fw {svc_string(names[9])} {{\n  edition {svc_string(names[10])}\n}}\n"
               f"requirement r1 {svc_string(names[11])} {{\n  framework fw\n  group {svc_string(names[12])}\n"
               f"  clause {svc_string(names[13])}\n  level shall\n}}\n"
               f"practice p1 {svc_string(names[14])} {{\n  owner legend\n  satisfies r1 {{\n    status met\n"
               f"    evidence {svc_string(names[15])}\n  }}\n}}\n")
    out.append(f"offering o1 {svc_string(names[5])} {{\n  services s0\n  consumers staff\n"
               f"  level support_hours hours\n  level response 4 business hours\n"
               f"  action a {svc_string(names[6])} {{\n    performed_by legend\n    trigger request\n  }}\n}}\n")
    return "".join(out)


def run(args, **kw):
    return subprocess.run([svcc] + args, capture_output=True, **kw)


old, new = os.path.join(work, "old.svc"), os.path.join(work, "new.svc")
for path, v in ((old, 0), (new, 1)):
    with open(path, "w", encoding="utf-8") as f:
        f.write(catalogue(v))

# Catalogue JSON: parses, validates, every name as written.
r = run(["build", "-q", old])
check("build exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])
doc = json.loads(r.stdout)
try:
    import jsonschema
    jsonschema.validate(doc, json.load(open(os.path.join(top, "schema", "catalogue.schema.json"))))
    check("catalogue JSON validates against its schema", True)
except ImportError:
    check("python3-jsonschema is installed", False)
except jsonschema.ValidationError as e:
    check("catalogue JSON validates against its schema", False, str(e)[:300])
services = {s["id"]: s for s in doc["services"]}
for i, n in enumerate(names):
    s = services.get(f"s{i}", {})
    check(f"JSON: s{i}'s name as written", s.get("name") == n, repr(s.get("name")))
    check(f"JSON: s{i}'s tag as written", s.get("tags") == [n], repr(s.get("tags")))

# Graphviz: DOT read by graphviz itself, SVG by an XML parser.
expected_label = {f"s{i}": shown(n) for i, n in enumerate(names)}
expected_label["x1"] = shown(names[7])
check("JSON: the supplier's name as written", doc["suppliers"][0]["name"] == names[7],
      repr(doc["suppliers"][0].get("name")))
check("JSON: the calendar's name as written", doc["calendars"][0]["name"] == names[8],
      repr(doc["calendars"][0].get("name")))
check("JSON: the calendar's weekly hours", doc["calendars"][0]["weekly_hours"] == 37.5,
      repr(doc["calendars"][0].get("weekly_hours")))


def norm(s):
    """What graphviz keeps of a label's lines: words, in order."""
    return [" ".join(l.split()) for l in s.split("\n") if l.strip()]


def svg_labels(svg_bytes, what):
    try:
        root = ET.fromstring(svg_bytes)
    except ET.ParseError as e:
        check(f"{what}: the SVG is well-formed XML", False, str(e))
        return {}
    check(f"{what}: the SVG is well-formed XML", True)
    ns = "{http://www.w3.org/2000/svg}"
    labels = {}
    for g in root.iter(ns + "g"):
        if (g.get("class") or "").split()[:1] != ["node"]:
            continue
        title = g.find(ns + "title").text
        labels[title] = "\n".join("".join(t.itertext()) for t in g.iter(ns + "text"))
    return labels


def svg_title(svg_bytes):
    """The graph's own label: the text directly in its top group."""
    try:
        root = ET.fromstring(svg_bytes)
    except ET.ParseError:
        return ""
    ns = "{http://www.w3.org/2000/svg}"
    for g in root.iter(ns + "g"):
        if g.get("class") == "graph":
            return "\n".join("".join(t.itertext()) for t in g.findall(ns + "text"))
    return ""


for cluster in ([], ["--cluster", "owner"]):
    r = run(["graph", "-q", old, "-T", "dot", "--legend", "--with", "offerings,consumers"] + cluster)
    check(f"graph -T dot {cluster} exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:300])
    dot = subprocess.run(["dot", "-Tsvg"], input=r.stdout, capture_output=True)
    check(f"graphviz reads the DOT {cluster}", dot.returncode == 0 and not dot.stderr,
          dot.stderr.decode(errors="replace")[:300])
    labels = svg_labels(dot.stdout, f"dot -Tsvg of the DOT {cluster}")
    for sid, want in expected_label.items():
        check(f"DOT {cluster}: {sid}'s label as written", norm(labels.get(sid, "")) == norm(want),
              f"{labels.get(sid)!r} != {want!r}")
    legend = labels.get("svcc legend", "")
    check(f"DOT {cluster}: the legend is its own node, and names every style drawn",
          all(w in legend for w in ("Legend", "technical service", "offering", "consumer group", "supplier",
                                    "hard dependency", "soft dependency", "offering includes service",
                                    "consumer group of offering", "see also")), repr(legend)[:300])
    check(f"DOT {cluster}: the legend names no style not drawn", "business service" not in legend, repr(legend)[:300])
    check(f"DOT {cluster}: the title is the catalogue's name as written",
          norm(svg_title(dot.stdout)) == norm(shown(names[16])), f"{svg_title(dot.stdout)!r}")
    if cluster:
        nclusters = dot.stdout.count(b'class="cluster"')
        check("DOT: one cluster per owner (legend, a-b, a_b, cluster_x)", nclusters == 4, str(nclusters))

r = run(["graph", "-q", old, "-T", "svg", "--cluster", "owner", "--legend"])
check("graph -T svg exits 0", r.returncode == 0)
check("SVG: no control character XML forbids",
      not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", r.stdout))
labels = svg_labels(r.stdout, "graph -T svg")
for sid, want in expected_label.items():
    check(f"SVG: {sid}'s label as written", norm(labels.get(sid, "")) == norm(want),
          f"{labels.get(sid)!r} != {want!r}")

# SVG for embedding: each node's element id (kind-id), class (kind, type,
# status), tooltip (its name first) and link from --link-template, read as
# XML.  What a URI may not hold is percent-encoded, in the template (its
# quotes: graphviz writes links into SVG unescaped) and in the id.
template = 'p/{kind}/{id}.html?a=1&b="2"#{id}'
r = run(["graph", "-q", old, "-T", "svg", "--link-template", template])
check("graph -T svg --link-template exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:300])
try:
    root = ET.fromstring(r.stdout)
except ET.ParseError as e:
    root = None
    check("SVG with links: well-formed XML", False, str(e))
ns = "{http://www.w3.org/2000/svg}"
xl = "{http://www.w3.org/1999/xlink}"
embedded = {}
for g in (root.iter(ns + "g") if root is not None else []):
    cls = (g.get("class") or "").split()
    if cls[:1] == ["node"] and len(cls) > 1:
        a = g.find(f"{ns}g/{ns}a")
        embedded[g.find(ns + "title").text] = (g.get("id"), cls[1:], a.get(xl + "href") if a is not None else None,
                                               a.get(xl + "title") if a is not None else None)
for i, n in enumerate(names):
    sid = f"s{i}"
    got = embedded.get(sid)
    check(f"SVG: {sid} carries id service-{sid}, its kind and status, a link and its name as tooltip",
          got is not None and got[0] == f"service-{sid}" and got[1] == ["service", "technical", "live"]
          and got[2] == f'p/service/{sid}.html?a=1&b=%222%22#{sid}'
          and (got[3] or "").replace("\xa0", " ").startswith(  # graphviz: a space after a space as &#160;
              shown(n).replace("\\", "\u29f5").replace("\xa0", " ") + " (service " + sid + ")"),
          repr(got)[:300])

# Mermaid: Mermaid's own parser.
if node_check != "-":
    r = run(["graph", "-q", old, "-T", "mermaid", "--cluster", "owner", "--legend", "--with", "offerings,consumers"])
    check("graph -T mermaid exits 0", r.returncode == 0)
    mmd = os.path.join(work, "graph.mmd")
    open(mmd, "wb").write(r.stdout)
    want = {f"s_s{i}": shown(n) for i, n in enumerate(names)}
    want["o_o1"] = shown(names[5])
    want["x_x1"] = shown(names[7])
    want["c_staff"] = shown(names[4])
    for k, label in (("technical", "technical service"), ("offering", "offering"), ("consumer", "consumer group"),
                     ("supplier", "supplier")):
        want[f"legend_{k}"] = label
    for k in ("hard", "soft", "includes", "consumes", "related"):
        want[f"legend_{k}_a"], want[f"legend_{k}_b"] = "A", "B"
    subgraphs = {}
    for i in range(4):
        t = shown(names[i])
        subgraphs[t] = subgraphs.get(t, 0) + 1
    subgraphs["Legend"] = 1
    exp = os.path.join(work, "mermaid.json")
    json.dump({"nodes": want, "subgraphs": subgraphs}, open(exp, "w"))  # the title: parsed as front matter
    res = subprocess.run(["node", node_check, "mermaid", mmd, exp], capture_output=True, text=True)
    for line in res.stdout.splitlines():
        check(line[6:], line.startswith("PASS"), "")
    check("node check.mjs mermaid ran", res.returncode in (0, 1) and res.stdout, res.stderr[-500:])

    # Markdown: markdown-it, a CommonMark parser with GitHub tables.
    r = run(["diff", "--format", "markdown", old, new])
    md = os.path.join(work, "diff.md")
    open(md, "wb").write(r.stdout)
    j = json.loads(run(["diff", "--format", "json", old, new]).stdout)
    order = {"breaking": 0, "warning": 1, "info": 2}
    changes = sorted(j["changes"], key=lambda c: order[c["level"]])  # stable: the report's order

    def md_code(s):
        return re.sub(r"[\x00-\x1f\x7f]", " ", s)

    codes = []
    for c in changes:
        row = [c["field"]] if c["field"] else []
        row += [md_code(v) for v in (c["old"], c["new"]) if v is not None]
        codes.append(row)
    exp = os.path.join(work, "markdown.json")
    json.dump({"rows": len(changes), "codes": codes}, open(exp, "w"))
    res = subprocess.run(["node", node_check, "markdown", md, exp], capture_output=True, text=True)
    for line in res.stdout.splitlines():
        check(line[6:], line.startswith("PASS"), "")
    check("node check.mjs markdown ran", res.returncode in (0, 1) and res.stdout, res.stderr[-500:])

# The assessment report: JSON parsed and validated against its schema, with
# every name as written; Markdown read by markdown-it.
r = run(["report", old, "--framework", "fw", "--format", "json"])
check("report --format json exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:300])
rep = json.loads(r.stdout)
try:
    import jsonschema
    jsonschema.validate(rep, json.load(open(os.path.join(top, "schema", "report.schema.json"))))
    check("report JSON validates against its schema", True)
except jsonschema.ValidationError as e:
    check("report JSON validates against its schema", False, str(e)[:300])
row = rep["requirements"][0]
check("report JSON: framework name as written", rep["framework"]["name"] == names[9], repr(rep["framework"]["name"]))
check("report JSON: requirement title, group, clause as written",
      (row["title"], row["group"], row["clause"]) == (names[11], names[12], names[13]), repr(row)[:300])
check("report JSON: evidence as written", row["practices"][0]["evidence"] == [names[15]], repr(row["practices"])[:300])
if node_check:
    r = run(["report", old, "--framework", "fw", "--format", "markdown"])
    md = os.path.join(work, "report.md")
    open(md, "wb").write(r.stdout)
    exp = os.path.join(work, "report-markdown.json")

    def md_text(s):  # as esc_md_text writes it: C0 controls and DEL as spaces
        return re.sub(r"[\x00-\x1f\x7f]", " ", s)

    json.dump({"texts": [md_text(n) for n in (names[9], names[11], names[15])]}, open(exp, "w"))
    res = subprocess.run(["node", node_check, "report-markdown", md, exp], capture_output=True, text=True)
    for line in res.stdout.splitlines():
        check(line[6:], line.startswith("PASS"), "")
    check("node check.mjs report-markdown ran", res.returncode in (0, 1) and res.stdout, res.stderr[-500:])

# The HTML report, opened in headless Chromium: what the browser shows is
# every name as written (C0 controls as control pictures, white space
# collapsed), and the page asks for nothing from outside (no script, no
# src or href).
class Shown(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.tags, self.refs, self.cur = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v for k, v in attrs if k in ("src", "href", "srcset", "action")]
        if tag in ("td", "h1", "li", "dd", "title"):
            self.cur.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "h1", "li", "dd", "title") and self.cur:
            self.texts.append(" ".join(self.cur.pop().split()))

    def handle_data(self, data):
        if self.cur:
            self.cur[-1] += data


def html_shown(s):
    s = "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c not in "\t\n\r" else
                "\u2421" if c == "\x7f" else c for c in s)
    return " ".join(s.split())


r = run(["report", old, "--framework", "fw", "--format", "html", "-o", os.path.join(work, "report.html")])
check("report --format html exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:300])
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
check("chromium is installed (make deps)", chromium is not None)
if chromium:
    res = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          "file://" + os.path.join(work, "report.html")], capture_output=True, timeout=120)
    dom = res.stdout.decode("utf-8", errors="replace")
    check("chromium read the HTML report", res.returncode == 0 and "</html>" in dom, res.stderr[-300:])
    p = Shown()
    p.feed(dom)
    for what, n in (("framework name", names[9]), ("requirement title", names[11]),
                    ("group", names[12]), ("evidence", names[15])):
        check(f"HTML report in Chromium: the {what} shown as written",
              any(html_shown(n) in t for t in p.texts), html_shown(n))
    check("HTML report: no script", "script" not in p.tags, "")
    check("HTML report: nothing fetched (no src, href)", not p.refs, repr(p.refs[:3]))
    check("HTML report: the requirement's row",
          sum(1 for t in p.texts if html_shown(names[13]) == t) >= 1, html_shown(names[13]))

# Exports: the CSV tables read by Python's csv module (RFC 4180) give every
# name as written, and the same rows as the SQLite database.
r = run(["export", "-q", old, "--format", "csv", "-o", os.path.join(work, "csv")])
check("export csv exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])
r = run(["export", "-q", old, "--format", "sqlite", "-o", os.path.join(work, "c.db")])
check("export sqlite exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])


def csv_table(name):
    with open(os.path.join(work, "csv", name + ".csv"), newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))


csv_services = {row[0]: row for row in csv_table("services")[1:]}
for i, n in enumerate(names):
    check(f"export csv: s{i}'s name as written", csv_services.get(f"s{i}", [None, None])[1] == n,
          repr(csv_services.get(f"s{i}")))
tags = {(row[1], row[3]) for row in csv_table("tags")[1:]}
check("export csv: every tag as written", all((f"s{i}", n) in tags for i, n in enumerate(names)))
db = sqlite3.connect(os.path.join(work, "c.db"))
for table in sorted(f[:-4] for f in os.listdir(os.path.join(work, "csv"))):
    rows = csv_table(table)
    cur = db.execute(f"SELECT * FROM {table}")
    cols = [d[0] for d in cur.description]
    check(f"export: {table}'s CSV header is its SQLite columns", rows[0] == cols, f"{rows[0]} {cols}")
    want = [["" if v is None else str(v) for v in row] for row in cur.fetchall()]
    check(f"export: {table}'s CSV rows are its SQLite rows", rows[1:] == want,
          f"{rows[1:3]!r} {want[:2]!r}")
got = dict(db.execute("SELECT id, name FROM services").fetchall())
check("export sqlite: every service's name as written", all(got.get(f"s{i}") == n for i, n in enumerate(names)))
check("export sqlite: the requirement's group and clause as written",
      db.execute("SELECT group_name, clause FROM requirements WHERE id = 'r1'").fetchall() == [(names[12], names[13])])
db.close()

# Backstage: the catalog's YAML reader and validators take every entity,
# each titled with its name as written.
if node_check != "-":
    yml, summary = os.path.join(work, "entities.yaml"), os.path.join(work, "entities.json")
    r = run(["export", "-q", old, "--format", "backstage", "-o", yml])
    check("export backstage exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])
    res = subprocess.run(["node", os.path.join(os.path.dirname(node_check), "backstage.mjs"), yml, summary],
                         capture_output=True, text=True)
    check("Backstage's validators take every entity", res.returncode == 0, (res.stdout + res.stderr)[-600:])
    titles = {(e["kind"], e["annotations"].get("svcc/id")): e["title"]
              for e in (json.load(open(summary)) if res.returncode == 0 else [])}
    for i, n in enumerate(names):
        check(f"Backstage: s{i}'s title as written", titles.get(("Component", f"s{i}")) == n,
              repr(titles.get(("Component", f"s{i}"))))
    check("Backstage: the supplier's title as written", titles.get(("Resource", "x1")) == names[7])
    check("Backstage: the offering's title as written", titles.get(("System", "o1")) == names[5])
    check("Backstage: the consumer group's title as written", titles.get(("Group", "staff")) == names[4])

# Markdown pages: each heading shows the name (line breaks and controls as
# spaces, the ends trimmed as CommonMark does), no HTML, links resolve,
# Mermaid draws each neighbourhood.
if node_check != "-":
    md = os.path.join(work, "md")
    r = run(["export", "-q", old, "--format", "markdown", "-o", md])
    check("export markdown exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])
    md_shown = lambda n: re.sub(r"[\x00-\x1f\x7f]", " ", n).strip(" ")
    expect = os.path.join(work, "md.expect.json")
    with open(expect, "w") as f:
        json.dump({"headings": {**{f"services/s{i}.md": md_shown(n) for i, n in enumerate(names)},
                                "offerings/o1.md": md_shown(names[5]), "index.md": md_shown(names[16])}}, f)
    res = subprocess.run(["node", os.path.join(os.path.dirname(node_check), "pages.mjs"), md, expect],
                         capture_output=True, text=True)
    check("markdown: markdown-it and Mermaid read every page as written", res.returncode == 0, res.stdout[-800:])

# The HTML portal in Chromium: each heading as written (C0 controls but
# tab and line breaks as control pictures; HTML reads CR and CRLF as LF).
if node_check != "-":
    portal = os.path.join(work, "portal")
    r = run(["export", "-q", old, "--format", "html", "-o", portal])
    check("export html exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])

    def dom_text(s):
        s = "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c not in "\t\n\r" else
                    "\u2421" if c == "\x7f" else c for c in s)
        return s.replace("\r\n", "\n").replace("\r", "\n")

    expect = os.path.join(work, "portal.expect.json")
    with open(expect, "w") as f:
        json.dump({"headings": {**{f"services/s{i}.html": dom_text(n) for i, n in enumerate(names)},
                                "offerings/o1.html": dom_text(names[5]), "suppliers/x1.html": dom_text(names[7]),
                                "consumers/staff.html": dom_text(names[4]), "practices/p1.html": dom_text(names[14]),
                                "index.html": dom_text(names[16])},
                   "search": ["s17", ["s17"]]}, f)
    res = subprocess.run(["node", os.path.join(os.path.dirname(node_check), "portal.mjs"), portal, expect],
                         capture_output=True, text=True, timeout=600)
    check("html: Chromium shows every name as written, with no error", res.returncode == 0, res.stdout[-1200:])

# TM Forum: valid JSON, strictly valid resources, every name as written.
tmf_defs = os.path.join(top, "tests", "interop", "tmf")
for api, v, defs, field in (("tmf633", "4", "TMF633-ServiceCatalog-v4.0.0.swagger.json", "serviceSpecification"),
                            ("tmf620", "5", "TMF620-Product_Catalog_Management-v5.0.0.oas.yaml", "productOffering")):
    out = os.path.join(work, f"{api}.json")
    r = run(["export", "-q", old, "--format", api, "--tmf-version", v, "-o", out])
    check(f"export {api} exits 0", r.returncode == 0, r.stderr.decode(errors="replace")[:400])
    got = {x["id"]: x["name"] for x in json.load(open(out))[field]}
    if api == "tmf633":
        check("tmf633: every service's name as written", all(got.get(f"s{i}") == n for i, n in enumerate(names)))
    else:
        check("tmf620: the offering's name as written", got.get("o1") == names[5], repr(got.get("o1")))
    if node_check != "-":
        res = subprocess.run(["node", os.path.join(os.path.dirname(node_check), "tmf.mjs"),
                              os.path.join(tmf_defs, defs), out, api, out + ".summary"], capture_output=True, text=True)
        check(f"{api}: TM Forum's definitions take every resource", res.returncode == 0, res.stdout[-600:])

# Terminal text: nothing a terminal obeys.
TERMINAL_BAD = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
for what, args in (("diff", ["diff", old, new]), ("impact", ["impact", old, "s0"]),
                   ("impact of a supplier", ["impact", old, "x1"]),
                   ("report", ["report", old, "--framework", "fw"]),
                   ("diff --color always", ["diff", "--color", "never", old, new])):
    r = run(args)
    out = r.stdout.decode("utf-8", errors="strict")
    bad = TERMINAL_BAD.search(out)
    check(f"{what}: no control character or escape sequence on the terminal", not bad,
          repr(out[max(0, bad.start() - 20):bad.end() + 20]) if bad else "")
bad_svc = os.path.join(work, "evil\x1b[2J.svc")
open(bad_svc, "w").write('catalogue c {\n  version "1"\n  provider "P\x1b]0;t\x07"\n  owner nobody\n}\n')
r = run(["check", "--color", "never", bad_svc])
err = r.stderr.decode("utf-8", errors="strict")
check("diagnostics: a file name's escape sequence is shown, not sent", "\x1b" not in err and "<1B>" in err, err[:300])
for fmt in ("json", "sarif"):
    r = run(["check", "--diagnostics-format", fmt, bad_svc])
    try:
        json.loads(r.stderr)
        check(f"diagnostics {fmt}: valid JSON with a hostile file name", True)
    except ValueError as e:
        check(f"diagnostics {fmt}: valid JSON with a hostile file name", False, str(e))

# A file name that is not UTF-8: every JSON output stays valid, with the
# name's other characters kept (U+FFFD for the bad byte), and SARIF's URI
# percent-encodes the byte.
bad_name = os.path.join(os.fsencode(work), b"bad\xff\xfe.svc")
with open(bad_name, "w") as f:
    f.write('team t "T" {\n  email "t@example.org"\n}\n')
for fmt in ("json", "sarif"):
    r = subprocess.run([svcc, "check", "--diagnostics-format", fmt, bad_name], capture_output=True)
    try:
        d = json.loads(r.stderr.decode("utf-8", errors="strict"))
        text = json.dumps(d, ensure_ascii=False)
        check(f"diagnostics {fmt}: valid JSON with a file name that is not UTF-8", True)
        if fmt == "json":
            check("diagnostics json: the file's name kept, U+FFFD for each bad byte",
                  all(x["file"].endswith("bad\ufffd\ufffd.svc") for x in d), text[:300])
        else:
            uri = d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            check("SARIF: the file's name percent-encoded", uri.endswith("bad%FF%FE.svc"), uri)
    except (ValueError, KeyError, IndexError) as e:
        check(f"diagnostics {fmt}: valid JSON with a file name that is not UTF-8", False, str(e))

finish("escape")
