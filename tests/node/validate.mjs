// make bench's peer for `svcc build`: parse a catalogue JSON with V8's
// JSON.parse and validate it against schema/catalogue.schema.json with
// ajv (JSON Schema 2020-12), as a consumer of svcc's output would.
//   node validate.mjs parse FILE          JSON.parse only
//   node validate.mjs validate SCHEMA FILE
// Exits 1 if the file does not parse or validate.
import { readFileSync } from 'node:fs';

const [mode, a, b] = process.argv.slice(2);
if (mode === 'parse') {
  JSON.parse(readFileSync(a, 'utf8'));
} else {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const { default: addFormats } = await import('ajv-formats');
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(a, 'utf8')));
  if (!validate(JSON.parse(readFileSync(b, 'utf8')))) {
    console.error(JSON.stringify(validate.errors.slice(0, 3)));
    process.exit(1);
  }
}
