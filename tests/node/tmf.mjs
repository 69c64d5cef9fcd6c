// Validate svcc's TM Forum export against the official API definitions,
// strictly.  Used by tests/export.py only (never at svcc's run time).
//
//   node tmf.mjs DEFINITIONS EXPORT.json API SUMMARY.json
//
// DEFINITIONS is TM Forum's Swagger 2 (.json) or OpenAPI 3 (.yaml) file;
// API is tmf633 or tmf620.  Its schemas become one JSON Schema 2020-12
// document, read by ajv.  The published schemas forbid nothing unknown, so
// every schema used as a value (a property, an item, the resource itself;
// not the parts of an allOf) gets unevaluatedProperties: false: a field
// that is not in the definition, or a misspelt one, fails.  Each resource
// of EXPORT must validate against its definition.  SUMMARY receives every
// reference found ([@referredType, id]) and every resource's id by type,
// for the caller to check that references resolve.  Prints FAIL lines and
// a count; exits 1 on any failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { checker } from './lib.mjs';

const [defsFile, exportFile, api, summaryFile] = process.argv.slice(2);
const { check, finish } = checker(api);

const text = readFileSync(defsFile, 'utf8');
const spec = defsFile.endsWith('.json') ? JSON.parse(text) : parse(text);
const defs = spec.definitions ?? spec.components.schemas;

// References rewritten to $defs; value sites closed.  OpenAPI's
// discriminator picks a oneOf branch by a property's value (@type): it
// becomes an if/then per value, the value required to be one of them; a
// discriminator without oneOf says nothing and goes.
const toDefs = r => r.replace(/^#\/(definitions|components\/schemas)\//, '#/$defs/');
function convert(node, inAllOf) {
  if (Array.isArray(node)) return node.map(n => convert(n, inAllOf));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  const d = node.discriminator;
  if (d?.mapping && (node.oneOf || node.anyOf)) {
    const p = d.propertyName;
    out.allOf = [{ properties: { [p]: { enum: Object.keys(d.mapping) } }, required: [p] },
      ...Object.entries(d.mapping).map(([value, ref]) => ({
        if: { properties: { [p]: { const: value } }, required: [p] }, then: { $ref: toDefs(ref) } }))];
  }
  for (const [k, v] of Object.entries(node)) {
    if (out.allOf && (k === 'oneOf' || k === 'anyOf')) continue;
    if (k === 'discriminator' || k === 'example' || k === 'nullable') continue;
    if (k === '$ref') out.$ref = toDefs(v);
    else if (k === 'allOf') out.allOf = [...(out.allOf ?? []), ...v.map(n => convert(n, true))];
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s, false)]));
    else out[k] = convert(v, false);
  }
  if (out.$ref && !inAllOf) out.unevaluatedProperties = false;
  return out;
}
const $defs = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, convert(v, false)]));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ['float', 'double', 'int32', 'int64', 'base64']) ajv.addFormat(f, true);
ajv.addSchema({ $id: 'tmf', $defs });

const resources = api === 'tmf633'
  ? { serviceCatalog: 'ServiceCatalog', serviceCategory: 'ServiceCategory', serviceCandidate: 'ServiceCandidate',
      serviceSpecification: 'ServiceSpecification' }
  : { catalog: 'Catalog', category: 'Category', productOffering: 'ProductOffering',
      productOfferingPrice: 'ProductOfferingPrice', productSpecification: 'ProductSpecification' };
const doc = JSON.parse(readFileSync(exportFile, 'utf8'));
check('the export holds exactly its resource types', JSON.stringify(Object.keys(doc)) === JSON.stringify(Object.keys(resources)),
      Object.keys(doc).join(', '));
const ids = {};
for (const [field, type] of Object.entries(resources)) {
  const validate = ajv.compile({ $ref: `tmf#/$defs/${type}`, unevaluatedProperties: false });
  ids[type] = [];
  for (const r of doc[field] ?? []) {
    const ok = validate(r);
    check(`${type} ${r.id} validates`, ok, ok ? '' : ajv.errorsText(validate.errors).slice(0, 600));
    check(`${type} ${r.id} is unique`, !ids[type].includes(r.id));
    ids[type].push(r.id);
  }
  if (/atalog$/.test(type)) check(`one ${type}`, (doc[field] ?? []).length === 1);
}
const refs = [];
(function walk(v) {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === 'object') {
    if ('@referredType' in v) refs.push([v['@referredType'], v.id]);
    Object.values(v).forEach(walk);
  }
})(doc);
writeFileSync(summaryFile, JSON.stringify({ refs, ids }));
finish();
