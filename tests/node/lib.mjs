// What the output readers of tests/node share: pass/fail counting and
// listing a folder's files.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// check(name, ok, detail) counts; finish() prints "WHAT: N passed, M
// failed" and exits 1 on any failure.  Failures print "FAIL: PREFIX: name".
export function checker(what, prefix = what) {
  let passed = 0, failed = 0;
  const check = (name, ok, detail) => {
    if (ok) passed++;
    else {
      failed++;
      console.log(`FAIL: ${prefix}: ${name}${detail ? `: ${detail}` : ''}`);
    }
  };
  const finish = () => {
    console.log(`${what}: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  };
  return { check, finish };
}

// The files under DIR whose names end with EXT, relative to DIR, sorted.
export function filesUnder(dir, ext) {
  const out = [];
  (function walk(d) {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(ext)) out.push(relative(dir, p));
    }
  })(dir);
  return out.sort();
}
