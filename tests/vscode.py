#!/usr/bin/env python3
"""vscode.py SVCC VSIX: the VS Code extension as `make vsix` packaged it.

The package holds what its manifest names (the grammar of editors/, byte
for byte; the language configuration; the snippets; the language client
library), at svcc's version; the language configuration reads as VS Code
reads it (its word pattern takes svcc's ids, qualified and with dashes,
and percentages); every snippet, its placeholders filled with their
defaults, is svcc text that parses (svcc fmt); and extension.js, run by
Node with VS Code's module and the client library stood in for, starts
`svcc lsp` for .svc documents with the settings' root and include
folders."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from checks import check, finish

svcc, vsix = sys.argv[1], sys.argv[2]
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
version = re.search(r"^VERSION\s*:=\s*(\S+)", open(os.path.join(top, "Makefile")).read(), re.M).group(1)

z = zipfile.ZipFile(vsix)
names = set(z.namelist())
manifest = json.loads(z.read("extension/package.json"))
check("the extension's version is svcc's", manifest["version"] == version, f"{manifest['version']} {version}")
contrib = manifest["contributes"]
wanted = [contrib["languages"][0]["configuration"], contrib["grammars"][0]["path"], contrib["snippets"][0]["path"],
          manifest["main"], "node_modules/vscode-languageclient/node.js"]
missing = [p for p in wanted if "extension/" + os.path.normpath(p) not in names]
check("the package holds what the manifest names, and the client library", not missing, str(missing))
check("the grammar packaged is editors/svcc.tmLanguage.json, byte for byte",
      z.read("extension/syntaxes/svcc.tmLanguage.json") == open(os.path.join(top, "editors", "svcc.tmLanguage.json"), "rb").read())
check("the language: .svc files, id svcc, scope source.svcc",
      contrib["languages"][0]["extensions"] == [".svc"] and contrib["languages"][0]["id"] == "svcc" and
      contrib["grammars"][0]["scopeName"] == "source.svcc")

work = tempfile.mkdtemp()
conf = json.loads(z.read("extension/language-configuration.json"))
check("comments: // and /* */", conf["comments"] == {"lineComment": "//", "blockComment": ["/*", "*/"]})
# The word pattern, as VS Code compiles it: a JavaScript RegExp.
words = subprocess.run(["node", "-e", """
const re = new RegExp(process.env.PATTERN, "g");
console.log(JSON.stringify(["itil4.incident_management", "my-team", "99.9%", "1h30m", "owner"].map(
    (w) => ((" " + w + " ").match(re) || [])[0])));"""], capture_output=True, text=True,
                       env={**os.environ, "PATTERN": conf["wordPattern"]})
check("the word pattern takes ids whole, qualified or with dashes, and percentages",
      words.returncode == 0 and json.loads(words.stdout) ==
      ["itil4.incident_management", "my-team", "99.9%", "1h30m", "owner"], words.stdout + words.stderr)

snippets = json.loads(z.read("extension/" + os.path.normpath(contrib["snippets"][0]["path"])))
kinds = ["catalogue", "service", "offering", "consumer", "team", "person", "resource", "practice", "template",
         "framework", "requirement", "supplier", "agreement", "calendar", "crosswalk", "view"]
check("a snippet for each kind of declaration, and import", set(snippets) == set(kinds + ["import"]),
      str(sorted(set(snippets) ^ set(kinds + ["import"]))))


def expand(body):
    """The snippet's text with each placeholder's default, each choice's first."""
    text = "\n".join(body)
    text = re.sub(r"\$\{\d+\|([^,|]*)[^}]*\|\}", r"\1", text)
    while re.search(r"\$\{\d+:([^{}]*)\}", text):
        text = re.sub(r"\$\{\d+:([^{}]*)\}", r"\1", text)
    return re.sub(r"\$\d+", "", text)


bad = []
for name, s in snippets.items():
    text = expand(s["body"]) + "\n"
    r = subprocess.run([svcc, "fmt", "-"], input=text, capture_output=True, text=True)
    first = [ln for ln in text.split("\n") if not ln.startswith("///")][0].split()[0]
    if r.returncode != 0 or first != name:
        bad.append((name, text, r.stderr[:200]))
check("every snippet, filled with its defaults, parses (svcc fmt) and declares its kind", not bad, str(bad[:2]))

# extension.js with `vscode` and the client library stood in for.
ext = os.path.join(work, "ext")
os.makedirs(os.path.join(ext, "node_modules", "vscode"))
os.makedirs(os.path.join(ext, "node_modules", "vscode-languageclient"))
open(os.path.join(ext, "extension.js"), "wb").write(z.read("extension/" + manifest["main"].lstrip("./")))
open(os.path.join(ext, "node_modules", "vscode", "index.js"), "w").write("""
const settings = {path: "/opt/svcc/bin/svcc", root: "/cat/catalogue.svc", includeDirs: ["/mods"]};
module.exports = {workspace: {getConfiguration: (s) => ({get: (k) => s === "svcc" ? settings[k] : undefined})}};
""")
open(os.path.join(ext, "node_modules", "vscode-languageclient", "node.js"), "w").write("""
class LanguageClient {
  constructor(id, name, server, client) { Object.assign(this, {id, name, server, client}); globalThis.made = this; }
  start() { globalThis.started = true; return Promise.resolve(); }
  stop() { globalThis.stopped = true; return Promise.resolve(); }
  dispose() {}
}
module.exports = {LanguageClient};
""")
run = subprocess.run(["node", "-e", """
const ext = require("./extension.js");
const context = {subscriptions: []};
Promise.resolve(ext.activate(context)).then(async () => {
  await ext.deactivate();
  const m = globalThis.made;
  console.log(JSON.stringify({server: m.server, selector: m.client.documentSelector,
    init: m.client.initializationOptions, started: !!globalThis.started, stopped: !!globalThis.stopped,
    subscribed: context.subscriptions.includes(m)}));
});"""], cwd=ext, capture_output=True, text=True)
got = json.loads(run.stdout) if run.returncode == 0 and run.stdout else {}
check("the client starts `svcc lsp` (svcc.path) for svcc documents, with svcc.root and svcc.includeDirs",
      got.get("server") == {"command": "/opt/svcc/bin/svcc", "args": ["lsp"]} and
      got.get("selector") == [{"scheme": "file", "language": "svcc"}] and
      got.get("init") == {"root": "/cat/catalogue.svc", "includeDirs": ["/mods"]} and
      got.get("started") and got.get("stopped") and got.get("subscribed"), run.stdout + run.stderr)
shutil.rmtree(work)
finish("vscode")
