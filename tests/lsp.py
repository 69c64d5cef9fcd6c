#!/usr/bin/env python3
"""lsp.py SVCC WORK: drive `svcc lsp` as an editor does and check each answer.

A copy of examples/northwind (three files, the stdlib imported) is the
workspace.  The session: initialize; open two files; edit one into an
error (a reference that names nothing: E0301, its help in the message),
and out of it (its diagnostics cleared); rename a team in one file and
see the references it broke in another, then undo it; go to the
definition of a team from another file; find its references; hover over
a service; the outline of a file and the workspace's symbols; format a
file written badly (the edit gives `svcc fmt`'s text); positions in
UTF-16 on a line with a character outside the BMP, and in UTF-8 when the
client takes it; requests for unknown documents and methods, a message
that is not JSON, one over the size limit; shutdown and exit (0), exit
without shutdown (1).  SVCC_WRAP (valgrind, for check-valgrind) runs the
server under a tool.
"""
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time

from checks import check, finish

svcc, work = sys.argv[1], sys.argv[2]
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Client:
    def __init__(self, *args):
        wrap = os.environ.get("SVCC_WRAP", "").split()
        self.p = subprocess.Popen(wrap + [svcc, "lsp", "--stdlib", os.path.join(top, "stdlib"), *args],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 0
        self.notes = []  # notifications received while waiting for responses

    def send(self, obj, raw=None):
        body = raw if raw is not None else json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self, timeout=20.0):
        """The next message, or None after TIMEOUT seconds."""
        end = time.time() + timeout
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                length = int([h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length:")][0]
                             .split(b":")[1])
                if len(rest) >= length:
                    self.buf = rest[length:]
                    return json.loads(rest[:length])
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            m = self.read()
            if m is None:
                return None
            if m.get("id") == self.next_id:
                return m
            self.notes.append(m)

    def notify(self, method, params):
        if method == "textDocument/didChange":  # what was published before it is stale
            self.notes = [m for m in self.notes if m.get("method") != "textDocument/publishDiagnostics"]
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, timeout=20.0):
        """The next publication for URI (its diagnostics), or None."""
        for i, m in enumerate(self.notes):
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                del self.notes[i]
                SEEN.extend(m["params"]["diagnostics"])
                return m["params"]["diagnostics"]
        end = time.time() + timeout
        while time.time() < end:
            m = self.read(end - time.time())
            if m is None:
                return None
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                SEEN.extend(m["params"]["diagnostics"])
                return m["params"]["diagnostics"]
            self.notes.append(m)
        return None

    def close(self):
        self.p.stdin.close()
        return self.p.wait(timeout=60)


SEEN = []  # every diagnostic published


def slug(heading):
    """GitHub's anchor of a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def doc_sections():
    """Each code of docs/diagnostics.md: the anchor of the section its row is in."""
    section, out = None, {}
    for ln in open(os.path.join(top, "docs", "diagnostics.md")):
        if ln.startswith("## "):
            section = slug(ln[3:])
        m = re.match(r"^\| ([EW]\d{4}) \|", ln)
        if m:
            out[m.group(1)] = section
    return out


def apply_edits(text, edits):
    """TEXT with the LSP text EDITS (UTF-16 positions) applied."""
    def offset(p):
        lines = text.split("\n")
        before = sum(len(ln) + 1 for ln in lines[:p["line"]])
        line = lines[p["line"]] if p["line"] < len(lines) else ""
        units, i = 0, 0
        while i < len(line) and units < p["character"]:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return before + i
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        text = text[:offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]):]
    return text


def uri(path):
    return "file://" + path


def pos(text, needle, plus=0, nth=0):
    """The LSP position (UTF-16) of the NTH NEEDLE in TEXT, PLUS characters on."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += plus
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    return {"line": line, "character": len(text[at - col:at].encode("utf-16-le")) // 2}


r = subprocess.run([svcc, "lsp", "--bogus"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
check("svcc lsp with an unknown option: exit 2, the usage", r.returncode == 2 and "usage: svcc lsp" in r.stderr,
      r.stderr)
r = subprocess.run([svcc, "lsp", "--help"], capture_output=True, text=True)
check("svcc lsp --help: exit 0", r.returncode == 0 and "--stdlib" in r.stdout)
r = subprocess.run([svcc, "lsp"], capture_output=True, text=True, input="")
check("svcc lsp whose input ends before exit: status 1", r.returncode == 1 and r.stdout == "", r.stderr)

ws = os.path.join(work, "northwind")
shutil.copytree(os.path.join(top, "examples", "northwind"), ws)
cat_path, people_path, infra_path = (os.path.join(ws, f) for f in ("catalogue.svc", "people.svc", "infrastructure.svc"))
people, infra = open(people_path).read(), open(infra_path).read()

c = Client()
r = c.request("textDocument/hover", {"textDocument": {"uri": uri(people_path)}, "position": {"line": 0, "character": 0}})
check("a request before initialize is refused", r and r.get("error", {}).get("code") == -32002, str(r))
r = c.request("initialize", {"processId": None, "rootUri": uri(ws), "capabilities": {}})
caps = (r or {}).get("result", {}).get("capabilities", {})
check("initialize: incremental sync, UTF-16 positions, the providers",
      caps.get("textDocumentSync", {}).get("change") == 2 and caps.get("positionEncoding") == "utf-16" and
      all(caps.get(p) for p in ("definitionProvider", "referencesProvider", "hoverProvider",
                                "documentSymbolProvider", "workspaceSymbolProvider", "documentFormattingProvider",
                                "documentRangeFormattingProvider", "renameProvider", "codeActionProvider",
                                "completionProvider")),
      str(r))
check("initialize: the server names itself", r["result"]["serverInfo"]["name"] == "svcc")
c.notify("initialized", {})
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(people_path), "languageId": "svcc", "version": 1,
                                                   "text": people}})
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(infra_path), "languageId": "svcc", "version": 1,
                                                   "text": infra}})

# Into an error and out of it: `lead ada` -> `lead adaa`.
p = pos(people, "lead ada", 8)
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 2},
                                    "contentChanges": [{"range": {"start": p, "end": p}, "text": "a"}]})
d = c.diagnostics(uri(people_path))
e0301 = [x for x in d or [] if x["code"] == "E0301"]
check("an edit into an error: E0301 at the reference, from svcc, its help in the message",
      len(e0301) == 1 and e0301[0]["severity"] == 1 and e0301[0]["source"] == "svcc" and
      e0301[0]["range"]["start"] == pos(people, "lead ada", 5) and
      e0301[0]["range"]["end"] == {"line": p["line"], "character": p["character"] + 1} and
      "did you mean 'ada'" in e0301[0]["message"],
      json.dumps(d)[:600])
end = {"line": p["line"], "character": p["character"] + 1}
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 3},
                                    "contentChanges": [{"range": {"start": p, "end": end}, "text": ""}]})
d = c.diagnostics(uri(people_path))
check("an edit out of it: the file's diagnostics cleared", d == [], json.dumps(d)[:300])

# A team renamed in one file breaks the references in another.
p = pos(people, "team infrastructure", 5)
end = pos(people, "team infrastructure", 19)
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 4},
                                    "contentChanges": [{"range": {"start": p, "end": end}, "text": "mail_team"}]})
d = c.diagnostics(uri(infra_path))
check("a team renamed in people.svc: the references to it in infrastructure.svc are errors",
      d and all(x["code"] in ("E0301",) or x["severity"] == 2 for x in d) and
      sum(x["code"] == "E0301" and "'infrastructure'" in x["message"] for x in d) == 2, json.dumps(d)[:400])
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 5},
                                    "contentChanges": [{"text": people}]})  # the whole text
d = c.diagnostics(uri(infra_path))
check("undone: infrastructure.svc's diagnostics cleared", d == [], json.dumps(d)[:300])

# Go to definition, across files; references; hover.
r = c.request("textDocument/definition", {"textDocument": {"uri": uri(infra_path)},
                                          "position": pos(infra, "owner infrastructure", 8)})
loc = (r or {}).get("result")
check("definition of a team, from another file: its id in people.svc",
      loc and loc["uri"] == uri(people_path) and loc["range"]["start"] == pos(people, "team infrastructure", 5) and
      loc["range"]["end"] == pos(people, "team infrastructure", 19), str(r))
r = c.request("textDocument/definition", {"textDocument": {"uri": uri(infra_path)},
                                          "position": pos(infra, "from ihip.managed_infrastructure", 12)})
loc = (r or {}).get("result")
ihip = open(os.path.join(top, "stdlib", "ihip.svc")).read()
check("definition of a template of the standard library: into its file",
      loc and loc["uri"] == uri(os.path.join(top, "stdlib", "ihip.svc")) and
      loc["range"]["start"] == pos(ihip, "template managed_infrastructure", 9), str(r))
r = c.request("textDocument/definition", {"textDocument": {"uri": uri(infra_path)},
                                          "position": pos(infra, "type technical", 2)})
check("definition of a word that names nothing: null", r and r.get("result") is None, str(r))
r = c.request("textDocument/references", {"textDocument": {"uri": uri(people_path)},
                                          "position": pos(people, "team infrastructure", 7),
                                          "context": {"includeDeclaration": True}})
refs = (r or {}).get("result") or []
owners = infra.count("owner infrastructure")
check("references of a team: its declaration, each owner in the other file, its members and practitioners",
      len(refs) == 1 + owners + 2 and sum(x["uri"] == uri(infra_path) for x in refs) == owners and
      refs[0]["uri"] == uri(people_path) and refs[0]["range"]["start"] == pos(people, "team infrastructure", 5) and
      {"uri": uri(people_path), "range": {"start": pos(people, "team infrastructure", 5, nth=1),
                                          "end": pos(people, "team infrastructure", 19, nth=1)}} in refs,
      json.dumps(refs)[:600])
r = c.request("textDocument/references", {"textDocument": {"uri": uri(people_path)},
                                          "position": pos(people, "team infrastructure", 7),
                                          "context": {"includeDeclaration": False}})
check("references without the declaration", len((r or {}).get("result") or []) == owners + 2, str(r)[:300])
svc_line = [ln for ln in infra.split("\n") if ln.startswith("service ")][0]
svc_id = svc_line.split()[1]
r = c.request("textDocument/hover", {"textDocument": {"uri": uri(infra_path)},
                                     "position": pos(infra, svc_line, 9)})
hv = ((r or {}).get("result") or {}).get("contents", {})
check("hover on a service: markdown with its kind, id and owner",
      hv.get("kind") == "markdown" and "**service**" in hv.get("value", "") and f"`{svc_id}`" in hv["value"] and
      "owner: " in hv["value"], str(r)[:400])

def hover(path, text, needle, plus):
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri(path)}, "position": pos(text, needle, plus)})
    return (((r or {}).get("result") or {}).get("contents") or {}).get("value", "")


check("hover on a field: its type and what it means",
      "ref(team, person)" in hover(infra_path, infra, "  owner infrastructure", 3) and
      "accountable" in hover(infra_path, infra, "  owner infrastructure", 3),
      hover(infra_path, infra, "  owner infrastructure", 3))
check("hover on an availability: the downtime it allows",
      "43.2 minutes down in a 30-day month" in hover(infra_path, infra, "availability 99.9%", 14),
      hover(infra_path, infra, "availability 99.9%", 14))
cat = open(cat_path).read()
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(cat_path), "languageId": "svcc", "version": 1,
                                                   "text": cat}})
check("hover on a duration: in words", hover(cat_path, cat, "response 15m", 10) == "`15m`: 15 minutes",
      hover(cat_path, cat, "response 15m", 10))
c.notify("textDocument/didClose", {"textDocument": {"uri": uri(cat_path)}})

# Outline and workspace symbols.
r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(people_path)}})
names = [s["name"] for s in (r or {}).get("result") or []]
want = [ln.split()[1] for ln in people.split("\n") if ln.startswith(("team ", "person ", "practice "))]
check("document symbols: every declaration of the file", sorted(names) == sorted(want), f"{names} {want}")
sym = [s for s in r["result"] if s["name"] == "infrastructure"]
check("a symbol's selection range is its id", sym and sym[0]["selectionRange"]["start"] ==
      pos(people, "team infrastructure", 5), str(sym)[:300])
r = c.request("workspace/symbol", {"query": "MESSAG"})
ws_names = [s["name"] for s in (r or {}).get("result") or []]
check("workspace symbols: by id or name, case aside", "messaging" in ws_names and
      all(s["location"]["uri"].startswith("file://") for s in r["result"]), str(ws_names))

# Completion: what is valid at the cursor.
def complete(at_text, typed):
    """The labels offered after TYPED is inserted into infrastructure.svc
    where AT_TEXT starts (then the text is put back)."""
    p = pos(infra, at_text)
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(infra_path), "version": 10},
                                        "contentChanges": [{"range": {"start": p, "end": p}, "text": typed}]})
    lines = typed.split("\n")
    end = {"line": p["line"] + len(lines) - 1,
           "character": (p["character"] if len(lines) == 1 else 0) + len(lines[-1].encode("utf-16-le")) // 2}
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri(infra_path)}, "position": end})
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(infra_path), "version": 11},
                                        "contentChanges": [{"text": infra}]})
    items = (r or {}).get("result") or []
    return {i["label"]: i for i in items}


got = complete("  depends_on network\n}", "  ")
check("completion at a statement's start: the kind's fields, each with its type",
      {"owner", "status", "depends_on", "availability", "tags"} <= set(got) and "lead" not in got and
      "ref(team, person)" in got["owner"]["detail"] and "required" in got["type"]["detail"] and
      "business" in got["type"]["documentation"]["value"], str(sorted(got))[:300])
got = complete("  depends_on network\n}", "  stat")
check("completion replaces the word typed", got.get("status", {}).get("textEdit", {}).get("range", {}).get("start") ==
      {"line": pos(infra, "  depends_on network\n}")["line"], "character": 2}, str(got.get("status"))[:300])
got = complete("  depends_on network\n}", "  status ")
check("completion of an enumerated field: its words", set(got) == {"pipeline", "live", "retired"}, str(sorted(got)))
got = complete("  depends_on network\n}", "  owner ")
check("completion of a reference: the ids of its kinds, with their names",
      {"infrastructure", "messaging", "ada"} <= set(got) and "network" not in got and
      got["infrastructure"]["detail"] == "Infrastructure team", str(sorted(got))[:300])
got = complete("  depends_on network\n}", "  depends_on network {\n    ")
check("completion in a nested block: the block's fields", {"strength", "reason"} <= set(got) and "owner" not in got,
      str(sorted(got)))
got = complete("  depends_on network\n}", "  intangibility ")
check("completion of a characteristic: its levels", set(got) == {"low", "medium", "high"}, str(sorted(got)))
got = complete("/// Wired", "\n")
check("completion at the top level: the declaration kinds and import",
      {"service", "offering", "team", "import", "template"} <= set(got), str(sorted(got)))
got = complete("/// Wired", 'import "')
check("completion in an import's string: the modules", {"itil4", "ihip", "./people.svc"} <= set(got) and
      "./infrastructure.svc" not in got, str(sorted(got))[:300])
got = complete("/// Wired", 'service s from ')
check("completion after from: the templates", "ihip.managed_infrastructure" in got and "network" not in got,
      str(sorted(got))[:300])
got = complete("  depends_on network\n}", "  perishability medium {\n    capacity 20 ")
check("completion after a quantity's number: the units the catalogue uses", {"accounts", "Gbps"} <= set(got),
      str(sorted(got)))
got = complete("/// Wired", 'offering o {\n  price 4.50 ')
check("completion after an amount: currency codes", {"EUR", "USD", "GBP"} <= set(got), str(sorted(got))[:200])
got = complete("/// Wired", 'offering o {\n  price 4.50 EUR per ')
check("completion after a price's per: the units and the periods", {"month", "year", "accounts"} <= set(got),
      str(sorted(got))[:200])
got = complete("  depends_on network\n}", '  outcome "')
check("no completion inside a string (even right after its quote)", got == {}, str(got)[:200])
got = complete("  depends_on network\n}", '  outcome "Mail ')
check("no completion inside a string", got == {}, str(got)[:200])

# Rename: every file's edits; applied, the catalogue checks as before.
r = c.request("textDocument/rename", {"textDocument": {"uri": uri(people_path)},
                                      "position": pos(people, "team infrastructure", 7), "newName": "infra_team"})
changes = ((r or {}).get("result") or {}).get("changes", {})
check("rename: edits in the file that declares it and in the one that refers to it",
      set(changes) == {uri(people_path), uri(infra_path)} and len(changes[uri(people_path)]) == 3 and
      len(changes[uri(infra_path)]) == infra.count("owner infrastructure"), str(r)[:500])
renamed = os.path.join(work, "renamed")
shutil.copytree(ws, renamed)
for path, text in ((people_path, people), (infra_path, infra)):
    open(os.path.join(renamed, os.path.basename(path)), "w").write(apply_edits(text, changes.get(uri(path), [])))
chk = subprocess.run([svcc, "check", os.path.join(renamed, "catalogue.svc")], capture_output=True, text=True)
check("rename applied: the catalogue checks clean, the old id gone",
      chk.returncode == 0 and chk.stderr == "" and
      "team infrastructure" not in open(os.path.join(renamed, "people.svc")).read(), chk.stderr[:400])
r = c.request("textDocument/rename", {"textDocument": {"uri": uri(infra_path)},
                                      "position": pos(infra, "from ihip.managed_infrastructure", 12), "newName": "x"})
check("rename of an id of the standard library: refused, saying why",
      r and "standard library" in r.get("error", {}).get("message", ""), str(r))
for bad_name, why in (("9lives", "not an id"), ("messaging", "declared already")):
    r = c.request("textDocument/rename", {"textDocument": {"uri": uri(people_path)},
                                          "position": pos(people, "team infrastructure", 7), "newName": bad_name})
    check(f"rename to {bad_name!r}: refused ({why})", r and why in r.get("error", {}).get("message", ""), str(r))

# Code actions: each did-you-mean, and a missing required field.
p = pos(people, "lead ada", 8)
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 20},
                                    "contentChanges": [{"range": {"start": p, "end": p}, "text": "a"}]})
d = c.diagnostics(uri(people_path))
typo = [x for x in d or [] if x["code"] == "E0301"]
r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(people_path)}, "range": typo[0]["range"],
                                          "context": {"diagnostics": typo}}) if typo else None
acts = (r or {}).get("result") or []
check("a code action for a did-you-mean: replace the name with the suggestion",
      len(acts) == 1 and acts[0]["kind"] == "quickfix" and acts[0]["title"] == "Change to 'ada'" and
      acts[0]["edit"]["changes"][uri(people_path)] == [{"range": typo[0]["range"], "newText": "ada"}], str(r)[:500])
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 21},
                                    "contentChanges": [{"text": people}]})
no_type = infra.replace("  type technical\n", "", 1)
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(infra_path), "version": 22},
                                    "contentChanges": [{"text": no_type}]})
d = c.diagnostics(uri(infra_path))
missing = [x for x in d or [] if x["code"] == "E0204"]
r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(infra_path)}, "range": missing[0]["range"],
                                          "context": {"diagnostics": missing}}) if missing else None
acts = [a for a in (r or {}).get("result") or [] if a["title"] == "Add 'type'"]
fixed = apply_edits(no_type, acts[0]["edit"]["changes"][uri(infra_path)]) if acts else ""
check("a code action for a missing required field: the field added before the closing brace",
      acts and "  depends_on network\n  type business\n}" in fixed, str(r)[:500])
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(infra_path), "version": 23},
                                    "contentChanges": [{"text": infra}]})
d = c.diagnostics(uri(infra_path))

# Formatting: the edit gives svcc fmt's text.
bad_path = os.path.join(ws, "loose.svc")
bad = 'import "itil4"\nteam   loose "Loose"   {\nemail "l@example.org"\n\n\n}\n'
open(bad_path, "w").write(bad)
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(bad_path), "languageId": "svcc", "version": 1,
                                                   "text": bad}})
r = c.request("textDocument/formatting", {"textDocument": {"uri": uri(bad_path)},
                                          "options": {"tabSize": 2, "insertSpaces": True}})
edits = (r or {}).get("result")
want = subprocess.run([svcc, "fmt", bad_path], capture_output=True, text=True).stdout
check("formatting: one edit of the whole text, giving svcc fmt's",
      edits and len(edits) == 1 and edits[0]["newText"] == want and
      edits[0]["range"]["start"] == {"line": 0, "character": 0} and
      edits[0]["range"]["end"] == {"line": bad.count("\n"), "character": 0}, str(r)[:400])
two = ('import "itil4"\nteam   a "A"   {\nemail "a@example.org"\n}\n\n// about b\n'
       'team   b "B"  {\n  email    "b@example.org"\n\n\n}\n')
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(bad_path), "version": 3},
                                    "contentChanges": [{"text": two}]})
r = c.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri(bad_path)}, "options": {},
                                               "range": {"start": pos(two, "email    "), "end": pos(two, "email    ", 3)}})
edits = (r or {}).get("result") or []
after = apply_edits(two, edits)
want_b = subprocess.run([svcc, "fmt", "-"], input='// about b\nteam   b "B"  {\n  email    "b@example.org"\n\n\n}\n',
                        capture_output=True, text=True).stdout
check("range formatting: the declaration the range is in (and its comment), formatted; the rest as it was",
      len(edits) == 1 and after == two[:two.index("// about b")] + want_b, repr(after))
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(bad_path), "version": 4},
                                    "contentChanges": [{"text": bad}]})
r = c.request("textDocument/formatting", {"textDocument": {"uri": uri(cat_path)}, "options": {}})
check("formatting a document not open: an error", r and r.get("error", {}).get("code") == -32602, str(r))
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(bad_path), "version": 2},
                                    "contentChanges": [{"text": "team {\n"}]})
r = c.request("textDocument/formatting", {"textDocument": {"uri": uri(bad_path)}, "options": {}})
check("formatting text with syntax errors: an error that says so",
      r and "syntax errors" in r.get("error", {}).get("message", ""), str(r))
c.notify("textDocument/didClose", {"textDocument": {"uri": uri(bad_path)}})

# Positions in UTF-16: a character outside the BMP before a bad reference.
wide_path = os.path.join(ws, "wide.svc")
wide = ('catalogue w "W" {\n  version "1"\n  provider "P"\n}\nteam t "\U0001F600 x" {}\nperson p "\U0001F600" { team tt }\n'
        'team t {}\n')
open(wide_path, "w").write(wide)
p = pos(people, "lead ada", 8)  # northwind with an error, before another catalogue is opened
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 30},
                                    "contentChanges": [{"range": {"start": p, "end": p}, "text": "a"}]})
check("an error in northwind", any(x["code"] == "E0301" for x in c.diagnostics(uri(people_path)) or []))
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(wide_path), "languageId": "svcc", "version": 1,
                                                   "text": wide}})
d = c.diagnostics(uri(wide_path))
check("another catalogue's compilation leaves northwind's diagnostics as they are",
      c.diagnostics(uri(people_path), timeout=1) is None)
bad_ref = [x for x in d or [] if x["code"] == "E0301"]
check("UTF-16: a range after a character outside the BMP counts it as two units",
      bad_ref and bad_ref[0]["range"]["start"] == pos(wide, "team tt", 5), json.dumps(d)[:400])
twice = [x for x in d or [] if x["code"] == "E0205"]
check("a note with a place is related information: where the id was first declared",
      twice and twice[0]["range"]["start"] == pos(wide, "team t {", 5) and
      twice[0]["relatedInformation"][0]["location"] ==
      {"uri": uri(wide_path), "range": {"start": pos(wide, 'team t "', 5), "end": pos(wide, 'team t "', 6)}} and
      "first declared" in twice[0]["relatedInformation"][0]["message"], json.dumps(twice)[:400])

c.notify("textDocument/didChange", {"textDocument": {"uri": uri(people_path), "version": 31},
                                    "contentChanges": [{"text": people}]})
r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(people_path)}})
check("back to northwind: the error mended, its diagnostics cleared", c.diagnostics(uri(people_path)) == [])

# Errors: unknown document, unknown method, not JSON, too large.
r = c.request("textDocument/hover", {"textDocument": {"uri": uri(os.path.join(ws, "none.svc"))},
                                     "position": {"line": 0, "character": 0}})
check("a request for an unknown document: an error response", r and r.get("error", {}).get("code") == -32602,
      str(r))
r = c.request("textDocument/unheardOf", {})
check("an unknown method: MethodNotFound", r and r.get("error", {}).get("code") == -32601, str(r))
c.send(None, raw=b"{not json")
m = c.read()
check("a message that is not JSON: a parse error", m and m.get("error", {}).get("code") == -32700, str(m))
c.p.stdin.write(b"Content-Length: %d\r\n\r\n" % (65 << 20))
c.p.stdin.write(b" " * (65 << 20))
c.p.stdin.flush()
m = c.read(60)
check("a message over the size limit: refused", m and "refused" in m.get("error", {}).get("message", ""), str(m))
r = c.request("workspace/symbol", {"query": "CENTRAL_"})
check("the server goes on after each of them (workspace symbols: the catalogue edited last's)",
      r and [s["name"] for s in r.get("result", [])] == ["central_it"], str(r)[:200])

r = c.request("shutdown", None)
check("shutdown: null", r and "result" in r and r["result"] is None, str(r))
r = c.request("textDocument/hover", {"textDocument": {"uri": uri(people_path)}, "position": {"line": 0, "character": 0}})
check("after shutdown a request is refused", r and "error" in r, str(r))
c.notify("exit", None)
check("exit after shutdown: status 0", c.p.wait(timeout=60) == 0)
err = c.p.stderr.read().decode(errors="replace")
check("nothing on standard error", err == "" or "ERROR SUMMARY: 0 errors" in err, err[-600:])

# Random edits (seeded): text broken mid-typing in every way the pieces
# allow, each followed by a request; the server answers each one, stays
# up, and shuts down cleanly.
import random  # noqa: E402
rnd = random.Random(20261201)
PIECES = ["{", "}", '"', '"""', "\n", " ", ",", ";", "x", "ops", "team ", "service ", "owner ", "depends_on ",
          "from ", "import \"", "1h30m", "99.9%", "///", "/*", "*/", "\u00e9", "\U0001F600", "\\", "level ",
          "intangibility high {\n", "-", ".", "\t", "person p {}\n"]
storm_path = os.path.join(ws, "storm.svc")
storm = 'catalogue s "S" {\n  version "1"\n  provider ops\n}\nteam ops "Ops" {}\n'
open(storm_path, "w").write(storm)
c = Client()
c.request("initialize", {"capabilities": {}})
c.notify("initialized", {})
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(storm_path), "languageId": "svcc", "version": 1,
                                                   "text": storm}})
answered = True
for step in range(150):
    line, ch = rnd.randrange(12), rnd.randrange(30)
    text = "".join(rnd.choice(PIECES) for _ in range(rnd.randrange(1, 5)))
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri(storm_path), "version": step + 2},
                                        "contentChanges": [{"range": {"start": {"line": line, "character": ch},
                                                                      "end": {"line": line + rnd.randrange(2),
                                                                              "character": rnd.randrange(30)}},
                                                            "text": text}]})
    method = rnd.choice(["completion", "hover", "definition", "references", "rename", "formatting",
                         "documentSymbol", "codeAction"])
    r = c.request("textDocument/" + method,
                  {"textDocument": {"uri": uri(storm_path)}, "position": {"line": line, "character": ch},
                   "newName": "y", "context": {"includeDeclaration": True, "diagnostics": []}, "options": {},
                   "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": ch}}})
    if r is None or ("result" not in r and "error" not in r):
        answered = False
        break
check("150 random edits, each followed by a request: every request answered", answered, f"step {step}: {r}")
r = c.request("shutdown", None)
c.notify("exit", None)
check("after the edits: shutdown and exit, status 0", r is not None and c.p.wait(timeout=60) == 0,
      c.p.stderr.read().decode(errors="replace")[-600:])

# UTF-8 when the client takes it; exit without shutdown.
c = Client()
r = c.request("initialize", {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}})
check("initialize: UTF-8 when the client offers it", r and r["result"]["capabilities"]["positionEncoding"] == "utf-8")
c.notify("initialized", {})
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(wide_path), "languageId": "svcc", "version": 1,
                                                   "text": wide}})
d = c.diagnostics(uri(wide_path))
bad_ref = [x for x in d or [] if x["code"] == "E0301"]
line = wide.split("\n")[5]
check("UTF-8: a range counts bytes", bad_ref and bad_ref[0]["range"]["start"] ==
      {"line": 5, "character": len(line[:line.index("team tt") + 5].encode())}, json.dumps(d)[:300])
c.notify("exit", None)
check("exit without shutdown: status 1", c.p.wait(timeout=60) == 1)

# Every diagnostic links to its section of docs/diagnostics.md (in the source tree here).
sections = doc_sections()
docs = "file://" + os.path.join(top, "docs") + "/diagnostics.md#"
bad = [(x["code"], x.get("codeDescription")) for x in SEEN
       if x.get("codeDescription", {}).get("href") != docs + str(sections.get(x["code"]))]
check("each diagnostic's code links to its section of docs/diagnostics.md",
      SEEN and not bad and {x["code"][0] for x in SEEN} == {"E", "W"}, str(bad[:3]))
check("an unused declaration is tagged Unnecessary",
      all((x.get("tags") == [1]) == (x["code"] == "W0201") for x in SEEN) and any(x["code"] == "W0201" for x in SEEN))

finish("lsp")
