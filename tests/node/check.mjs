// Read svcc's outputs with the programs they are for, and say whether each
// shows the catalogue's text as written and nothing more.  Used by
// tests/escape.sh only (never at svcc's run time).
//
//   node check.mjs mermaid GRAPH.mmd EXPECT.json
//     EXPECT: {"nodes": {mermaid id: text}, "subgraphs": {title text: count}}
//     Mermaid's own parser reads the graph; each node's text, with
//     Mermaid's entity placeholders and HTML decoded as a browser would,
//     must be the expected text, and there must be no other node.
//   node check.mjs markdown REPORT.md EXPECT.json
//     EXPECT: {"rows": N, "codes": [[cell 4's code spans], …]}
//     markdown-it (CommonMark + GitHub tables) reads the report: one
//     heading, one table of N body rows of 4 cells, no HTML, link or image
//     anywhere, and each row's change cell holds exactly the code spans
//     expected.
//   node check.mjs mermaid-renders GRAPH.mmd EXPECT.json
//     EXPECT: {"renders": true|false}: whether Mermaid's parser, with its
//     default limits (500 edges), takes the graph.
//   node check.mjs report-markdown REPORT.md EXPECT.json
//     EXPECT: {"texts": [...]}: an assessment report (checkReportMarkdown).
// Prints "PASS: …" or "FAIL: …" lines; exits 1 on any failure.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const [mode, file, expectFile] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const expect = JSON.parse(readFileSync(expectFile, 'utf8'));
const dom = new JSDOM('<!doctype html><html><body></body></html>');
let failed = 0;
const check = (name, ok, detail) => {
  if (ok) console.log(`PASS: ${name}`);
  else {
    failed++;
    console.log(`FAIL: ${name}${detail ? `: ${detail}` : ''}`);
  }
};

// What a browser shows for Mermaid's label text: its entity placeholders
// (made before parsing) turned back into HTML entities, <br> a line break,
// then the HTML decoded.
function mermaidShown(s) {
  const html = s.replaceAll('ﬂ°°', '&#').replaceAll('ﬂ°', '&').replaceAll('¶ß', ';');
  const el = dom.window.document.createElement('div');
  el.innerHTML = html.replace(/<br\s*\/?>/gi, '\n');
  return el.textContent;
}

async function checkMermaid() {
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  let diagram;
  try {
    diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  } catch (e) {
    check('mermaid parses the graph', false, e.message.split('\n').slice(0, 3).join(' '));
    return;
  }
  check('mermaid parses the graph', true);
  const vertices = [...diagram.db.getVertices().values()];
  const want = expect.nodes;
  check('mermaid: one node per catalogue node, no more', vertices.length === Object.keys(want).length,
        `${vertices.length} nodes, expected ${Object.keys(want).length}`);
  for (const v of vertices) {
    if (!(v.id in want)) {
      check(`mermaid: node ${v.id} is expected`, false);
      continue;
    }
    const shown = mermaidShown(v.text);
    check(`mermaid: node ${v.id} shows its name`, shown === want[v.id],
          `${JSON.stringify(shown)} != ${JSON.stringify(want[v.id])}`);
  }
  const titles = {};
  for (const sg of diagram.db.getSubGraphs()) {
    const t = mermaidShown(sg.title);
    titles[t] = (titles[t] || 0) + 1;
  }
  for (const [title, n] of Object.entries(expect.subgraphs || {}))
    check(`mermaid: subgraph ${JSON.stringify(title)} x${n}`, titles[title] === n,
          `found ${titles[title] || 0}`);
}

async function checkMarkdown() {
  const { default: MarkdownIt } = await import('markdown-it');
  const tokens = new MarkdownIt().parse(text, {});
  const types = tokens.map((t) => t.type);
  check('markdown: one heading', types.filter((t) => t === 'heading_open').length === 1);
  check('markdown: one table', types.filter((t) => t === 'table_open').length === 1);
  const inlineKinds = new Set();
  for (const t of tokens)
    for (const c of t.children || []) inlineKinds.add(c.type);
  for (const bad of ['html_inline', 'link_open', 'image', 'em_open', 'strong_open', 's_open'])
    check(`markdown: no ${bad}`, !inlineKinds.has(bad));
  check('markdown: no HTML block', !types.includes('html_block'));
  // Body rows: tr_open inside tbody, each with its inline cells.
  const rows = [];
  let inBody = false;
  let row = null;
  for (const t of tokens) {
    if (t.type === 'tbody_open') inBody = true;
    else if (t.type === 'tbody_close') inBody = false;
    else if (inBody && t.type === 'tr_open') row = [];
    else if (inBody && t.type === 'tr_close') rows.push(row);
    else if (inBody && row && t.type === 'inline') row.push(t);
  }
  check('markdown: one table row per change', rows.length === expect.rows,
        `${rows.length} rows, expected ${expect.rows}`);
  rows.forEach((cells, i) => {
    check(`markdown: row ${i + 1} has 4 cells`, cells.length === 4, `${cells.length}`);
    if (cells.length !== 4 || !expect.codes[i]) return;
    const codes = cells[3].children.filter((c) => c.type === 'code_inline').map((c) => c.content);
    check(`markdown: row ${i + 1} shows its values as written`,
          JSON.stringify(codes) === JSON.stringify(expect.codes[i]),
          `${JSON.stringify(codes)} != ${JSON.stringify(expect.codes[i])}`);
  });
}

// An assessment report (svcc report --format markdown): no HTML, link or
// image anywhere, and each expected text shown as written (line breaks and
// controls as spaces) in the text of one inline.
async function checkReportMarkdown() {
  const { default: MarkdownIt } = await import('markdown-it');
  const tokens = new MarkdownIt().parse(text, {});
  const inlineKinds = new Set();
  const texts = [];
  for (const t of tokens)
    if (t.type === 'inline') {
      for (const c of t.children || []) inlineKinds.add(c.type);
      texts.push((t.children || []).filter((c) => c.type === 'text' || c.type === 'code_inline')
        .map((c) => c.content).join(''));
    }
  for (const bad of ['html_inline', 'link_open', 'image'])
    check(`report markdown: no ${bad}`, !inlineKinds.has(bad));
  check('report markdown: no HTML block', !tokens.some((t) => t.type === 'html_block'));
  expect.texts.forEach((want, i) =>  /* named by number: a name may hold line separators */
    check(`report markdown: text ${i + 1} shown as written`, texts.some((t) => t.includes(want))));
}

async function checkMermaidRenders() {
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  let error = null;
  try {
    await mermaid.mermaidAPI.getDiagramFromText(text);
  } catch (e) {
    error = e.message.split('\n')[0];
  }
  check(`mermaid ${expect.renders ? 'takes' : 'refuses'} the graph`, (error === null) === expect.renders,
        error || 'parsed');
}

if (mode === 'mermaid') await checkMermaid();
else if (mode === 'mermaid-renders') await checkMermaidRenders();
else if (mode === 'markdown') await checkMarkdown();
else if (mode === 'report-markdown') await checkReportMarkdown();
else {
  console.log(`FAIL: unknown mode ${mode}`);
  failed++;
}
process.exit(failed ? 1 : 0);
