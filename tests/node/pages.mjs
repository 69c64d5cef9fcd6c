// Read svcc's Markdown export as a git host would: markdown-it (CommonMark
// and GitHub tables) for every page, Mermaid's parser for every picture.
// Used by tests/export.py and tests/escape.py only (never at svcc's run
// time).
//
//   node pages.mjs DIR EXPECT.json
//     EXPECT: {"headings": {page: text}}: the first heading each page must
//     show.
//
// Every page parses with no raw HTML and no image; every link is relative
// and names a page of DIR; each page named in EXPECT has its heading as
// expected; every ```mermaid block parses with Mermaid's own parser (its
// default limits).  Prints FAIL lines and a count; exits 1 on any failure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import MarkdownIt from 'markdown-it';
import { JSDOM } from 'jsdom';
import { checker, filesUnder } from './lib.mjs';

const [dir, expectFile] = process.argv.slice(2);
const expect = JSON.parse(readFileSync(expectFile, 'utf8'));
const { check, finish } = checker('pages');

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const md = new MarkdownIt();
const pages = filesUnder(dir, '.md');
check('there are pages', pages.length > 0);

const inlineText = tok => (tok.children ?? []).map(c => c.type === 'softbreak' ? '\n' : c.content).join('');
for (const page of pages) {
  const tokens = md.parse(readFileSync(join(dir, page), 'utf8'), {});
  let heading;
  const all = tokens.flatMap(t => [t, ...(t.children ?? [])]);
  for (const [i, t] of tokens.entries())
    if (t.type === 'heading_open' && heading === undefined) heading = inlineText(tokens[i + 1]);
  check(`${page}: no raw HTML`, !all.some(t => t.type.startsWith('html')),
        all.filter(t => t.type.startsWith('html')).map(t => t.content).join(' ').slice(0, 200));
  check(`${page}: no image`, !all.some(t => t.type === 'image'));
  for (const t of all.filter(t => t.type === 'link_open')) {
    const href = t.attrGet('href');
    if (/^(https?|mailto):/.test(href)) continue; // an autolinked contact
    const target = normalize(join(dirname(join(dir, page)), href));
    check(`${page}: link ${href} names a page`, !href.includes(':') && existsSync(target), href);
  }
  if (page in expect.headings)
    check(`${page}: heading as expected`, heading === expect.headings[page],
          `${JSON.stringify(heading)} != ${JSON.stringify(expect.headings[page])}`);
  for (const t of tokens.filter(t => t.type === 'fence' && t.info.trim() === 'mermaid')) {
    try {
      await mermaid.mermaidAPI.getDiagramFromText(t.content);
      check(`${page}: Mermaid draws the neighbourhood`, true);
    } catch (e) {
      check(`${page}: Mermaid draws the neighbourhood`, false, e.message.split('\n')[0]);
    }
  }
}
finish();
