// grammar.mjs GRAMMAR FILE...: the TextMate grammar of editors/ on whole
// catalogues, with the engine VS Code uses (vscode-textmate, Oniguruma):
// each FILE (one that svcc checks clean) must tokenize with no `invalid`
// scope, end with nothing left open (no block or string runs past the end),
// have every declaration keyword at a line's start scoped as one and every
// `///` line a doc comment.  Prints one line per failure; exits 1 if any.
import fs from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const [grammarPath, ...files] = process.argv.slice(2);
const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (p) => new oniguruma.OnigScanner(p),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
});
const grammar = await registry.loadGrammar("source.svcc");
const KINDS = /^\s*(catalogue|service|offering|consumer|team|person|resource|practice|template|framework|requirement|supplier|agreement|calendar|crosswalk|view)\s+[A-Za-z_]/;
let failures = 0;
const fail = (msg) => { failures++; console.log(msg); };
for (const file of files) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  let stack = vsctm.INITIAL;
  lines.forEach((line, i) => {
    const top = stack.depth === 1; /* the line starts outside any block or string */
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    const where = `${file}:${i + 1}`;
    for (const t of r.tokens) {
      if (t.scopes.some((s) => s.startsWith("invalid")))
        fail(`${where}: invalid scope at column ${t.startIndex + 1}: ${t.scopes.join(" ")}`);
    }
    const first = r.tokens.find((t) => line.slice(t.startIndex, t.endIndex).trim() !== "");
    if (KINDS.test(line) && top && first &&
        !first.scopes.includes("keyword.other.declaration.svcc") && !first.scopes.some((s) => s.startsWith("string") || s.startsWith("comment")))
      fail(`${where}: a declaration's keyword not scoped as one: ${first.scopes.join(" ")}`);
    if (/^\s*\/\/\/(?!\/)/.test(line) && !(first && first.scopes.includes("comment.line.documentation.svcc")))
      fail(`${where}: a doc comment not scoped as one`);
  });
  if (stack.depth !== 1)
    fail(`${file}: something is left open at the end (rule stack depth ${stack.depth})`);
}
console.log(`grammar: ${files.length} files, ${failures} failures`);
process.exit(failures ? 1 : 0);
