// Open svcc's HTML portal in headless Chromium (Debian's, driven by
// playwright-core) and check it as a reader would.  Used by
// tests/export.py and tests/escape.py only (never at svcc's run time).
//
//   node portal.mjs DIR EXPECT.json [SCREENSHOTS_DIR]
//     EXPECT: {"headings": {page: text}, "search": [query, [ids shown]],
//              "status": [status, count]}
//
// Every page loads with no console error, no uncaught exception and no
// request for anything outside DIR; every link (the graph's SVG links
// too) names a file of DIR; each page of EXPECT.headings shows its h1 as
// expected.  On the index, the script shows the filters; a search shows
// exactly the services expected, the status filter the count expected.
// With SCREENSHOTS_DIR, the index and the first service page are saved as
// PNG there.  Prints FAIL lines and a count; exits 1 on any failure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { checker, filesUnder } from './lib.mjs';

const [dir, expectFile, shots] = process.argv.slice(2);
const expect = JSON.parse(readFileSync(expectFile, 'utf8'));
const { check, finish } = checker('portal');

const pages = filesUnder(dir, '.html');
check('there are pages', pages.length > 1);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
                                        args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
let problems = [];
page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', e => problems.push(`exception: ${e.message}`));
page.on('request', r => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });

for (const p of pages) {
  problems = [];
  const file = join(dir, p);
  await page.goto(pathToFileURL(file).href);
  const hrefs = await page.$$eval('a', as => as.map(a => a.getAttribute('href') ??
    a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).filter(Boolean));
  for (const href of hrefs) {
    if (/^(https?|mailto):/.test(href)) continue;
    const target = normalize(join(dirname(file), decodeURIComponent(href.split('#')[0])));
    check(`${p}: link ${href} names a file of the portal`, !href.includes(':') && existsSync(target) &&
          !relative(dir, target).startsWith('..'), href);
  }
  if (p in expect.headings) {
    const h1 = await page.$eval('h1', e => e.textContent);
    check(`${p}: heading as expected`, h1 === expect.headings[p],
          `${JSON.stringify(h1)} != ${JSON.stringify(expect.headings[p])}`);
  }
  check(`${p}: loads without errors or outside requests`, problems.length === 0, problems.join('; '));
}

// The index: search and filters.
await page.goto(pathToFileURL(join(dir, 'index.html')).href);
check('index: the script shows the filters', await page.$eval('#filters', f => !f.hidden));
const shownIds = () => page.$$eval('#service-table tbody tr:not([hidden]) td:first-child code', cs => cs.map(c => c.textContent).sort());
if (expect.search) {
  const [query, ids] = expect.search;
  await page.fill('#search', query);
  const got = await shownIds();
  check(`index: searching "${query}" shows exactly ${ids.join(', ')}`, JSON.stringify(got) === JSON.stringify([...ids].sort()),
        got.join(', '));
  await page.fill('#search', '');
}
if (expect.status) {
  const [status, count] = expect.status;
  await page.selectOption('#f-status', status);
  const got = await shownIds();
  check(`index: status ${status} shows ${count} services`, got.length === count, `${got.length}`);
  const statuses = await page.$$eval('#service-table tbody tr:not([hidden])', rs => rs.map(r => r.dataset.status));
  check(`index: status ${status} shows only those`, statuses.every(s => s === status), statuses.join(','));
  await page.selectOption('#f-status', '');
}
const all = await page.$$eval('#service-table tbody tr', rs => rs.length);
check('index: cleared filters show every service', (await shownIds()).length === all);
if (shots) {
  await page.screenshot({ path: join(shots, 'portal-index.png'), fullPage: true });
  const first = pages.find(p => p.startsWith('services/'));
  if (first) {
    await page.goto(pathToFileURL(join(dir, first)).href);
    await page.screenshot({ path: join(shots, 'portal-service.png'), fullPage: true });
  }
}
await browser.close();
finish();
