// lsp.mjs SVCC WORK: svcc lsp read by the JSON-RPC library VS Code's own
// language client uses (vscode-jsonrpc: its Content-Length framing, its
// JSON), over a catalogue whose names and descriptions are hostile:
// Markdown and HTML, quotes and backslashes, tabs and newlines, characters
// outside the BMP, bidirectional controls.  Hover's Markdown is rendered
// with markdown-it as an editor renders it and read back with jsdom: the
// text shown must be the name as declared, and nothing in a name may
// become a link, an image, emphasis or code.  Symbols and completion carry
// the names as plain strings: they must come back byte for byte.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node.js';
import MarkdownIt from 'markdown-it';
import { JSDOM } from 'jsdom';
import { checker } from './lib.mjs';

const { check, finish } = checker('lsp (vscode-jsonrpc)', 'lsp');
const [svcc, work] = process.argv.slice(2);

// Each hostile text, as svc writes it (escapes) and as it reads.
const hostile = [
  ['<img src=x onerror=alert(1)> *bold* _under_ [link](javascript:alert(1))', null],
  ['`code` <b>html</b> &amp; &lt;tag&gt; ![alt](http://x/y.png)', null],
  ['back\\\\slash \\"quoted\\" tab\\there # not a heading', 'back\\slash "quoted" tab\there # not a heading'],
  ['astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀👩‍💻 and \u202Eevil\u202C bidi', null],
  ['line one\\nline two | a | table | --- |', 'line one\nline two | a | table | --- |'],
  ['<script>alert(1)</script> ~~strike~~ \\\\(x\\\\) {curly} #hash', '<script>alert(1)</script> ~~strike~~ \\(x\\) {curly} #hash'],
].map(([written, read]) => ({ written, read: read ?? written }));

const dir = join(work, 'hostile');
mkdirSync(dir, { recursive: true });
const teams = hostile.map((h, i) => `/// ${h.read.replace(/\n/g, ' ')}\nteam t${i} "${h.written}" {\n  email "t${i}@example.org"\n}\n`);
const text = `allow W0201, W0405\n\ncatalogue hostile "${hostile[0].written}" {\n  version "1"\n  provider t0\n}\n\n` +
  teams.join('\n') +
  `\nservice s "${hostile[3].written}" {\n  type technical\n  status live\n  owner t1\n  description "${hostile[1].written}"\n}\n`;
const path = join(dir, 'catalogue.svc');
writeFileSync(path, text);
const uri = pathToFileURL(path).href;

const wrap = (process.env.SVCC_WRAP || '').split(' ').filter(Boolean); // valgrind, for check-valgrind
const child = spawn(wrap[0] ?? svcc, [...wrap.slice(1), ...(wrap.length ? [svcc] : []), 'lsp'],
  { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout),
  new rpc.StreamMessageWriter(child.stdin));
const published = [];
let onPublished = null;
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  published.push(p);
  if (onPublished) onPublished();
});
let rpcErrors = 0;
conn.onError(() => rpcErrors++);
conn.listen();

const md = new MarkdownIt(); // as editors render hovers: CommonMark, no raw HTML
const shown = (markdown) => new JSDOM(md.render(markdown)).window.document.body;
const squeeze = (s) => s.replace(/\s+/g, ' ').trim();
const lines = text.split('\n');
function position(needle, plus) {
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + plus }; // ASCII before it: UTF-16 = bytes
}
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms));
const ask = (method, params) => Promise.race([conn.sendRequest(method, params), timeout(20000, method)]);

try {
  const init = await ask('initialize', {
    processId: process.pid, rootUri: pathToFileURL(dir).href,
    capabilities: { general: { positionEncodings: ['utf-16'] }, textDocument: { hover: { contentFormat: ['markdown'] } } },
  });
  check('initialize: capabilities read through vscode-jsonrpc', init && init.capabilities && init.capabilities.hoverProvider);
  conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'svc', version: 1, text } });
  const first = await ask('textDocument/hover', { textDocument: { uri }, position: position('team t0 ', 5) });
  check('a request after opening the document is answered', first && first.contents);
  const errors = published.filter((p) => p.uri === uri).flatMap((p) => p.diagnostics);
  check('the hostile catalogue is clean', errors.length === 0, JSON.stringify(errors));

  // Hover: the name (and a description) shown as written, nothing made of it.
  for (const [i, h] of hostile.entries()) {
    const r = await ask('textDocument/hover', { textDocument: { uri }, position: position(`team t${i} `, 5) });
    const value = r && r.contents && r.contents.value;
    const body = shown(value ?? '');
    check(`hover on team t${i}: its name shown as declared`, squeeze(body.textContent).includes(squeeze(h.read)),
      `${JSON.stringify(value)} shows ${JSON.stringify(body.textContent)}`);
    const made = [...body.querySelectorAll('a, img, em, script, b, del, s, h1, h2, table, pre')].map((e) => e.tagName);
    check(`hover on team t${i}: no element made of the name`, made.length === 0, made.join(' '));
    const code = [...body.querySelectorAll('code')].map((e) => e.textContent);
    check(`hover on team t${i}: only the id in code`, code.length === 1 && code[0] === `t${i}`, JSON.stringify(code));
  }
  const rs = await ask('textDocument/hover', { textDocument: { uri }, position: position('service s ', 8) });
  const service = shown(rs.contents.value);
  check('hover on the service: its name and its description shown as declared',
    squeeze(service.textContent).includes(squeeze(hostile[3].read)) &&
    squeeze(service.textContent).includes(squeeze(hostile[1].read)), JSON.stringify(rs.contents.value));
  check('hover on the service: no link, image or HTML from its description',
    service.querySelectorAll('a, img, b, script').length === 0, service.innerHTML);

  // Symbols: names come back byte for byte as plain strings.
  const symbols = await ask('textDocument/documentSymbol', { textDocument: { uri } });
  for (const [i, h] of hostile.entries()) {
    const s = symbols.find((x) => x.name === `t${i}`);
    check(`documentSymbol t${i}: its name as detail, exactly`, s && s.detail === h.read, JSON.stringify(s && s.detail));
  }
  const everywhere = await ask('workspace/symbol', { query: '😀👩‍💻' });
  check('workspace/symbol: a query of astral characters finds what is named with them',
    everywhere.map((x) => x.name).sort().join(' ') === 's t3', JSON.stringify(everywhere));

  // Completion of an owner: every team with its name, exactly.
  const edited = text.replace('  owner t1\n', '  owner \n');
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  const ownerLine = edited.split('\n').findIndex((l) => l === '  owner ');
  const items = await ask('textDocument/completion', { textDocument: { uri }, position: { line: ownerLine, character: 8 } });
  const list = Array.isArray(items) ? items : items.items;
  for (const [i, h] of hostile.entries()) {
    const it = list.find((x) => x.label === `t${i}`);
    check(`completion t${i}: its name as detail, exactly`, it && it.detail === h.read, JSON.stringify(it));
  }

  await ask('shutdown', null);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  conn.sendNotification('exit');
  const code = await Promise.race([exited, timeout(10000, 'exit')]);
  check('shutdown and exit: status 0', code === 0, String(code));
  check('no message the library could not read', rpcErrors === 0, String(rpcErrors));
} catch (e) {
  check('the session ran to its end', false, e.stack);
  child.kill();
}
conn.dispose();
finish();
