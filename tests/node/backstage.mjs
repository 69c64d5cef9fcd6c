// Read svcc's Backstage export as Backstage's software catalog does, and
// say what it found.  Used by tests/export.py and tests/escape.py only
// (never at svcc's run time).
//
//   node backstage.mjs ENTITIES.yaml SUMMARY.json
//
// The yaml package (which the catalog reads YAML with) parses every
// document, with no error or warning; each entity passes the catalog's
// entity policies (default namespace, no foreign root fields, field
// formats, the entity schema) and its kind's validator from
// @backstage/catalog-model; no two entities share a kind, namespace and
// name (compared as the catalog does, without case); every entity
// reference in a spec resolves to one of them.  SUMMARY receives each
// entity's kind, name, title, description, tags and annotations, for the
// caller to compare with the catalogue.  Prints FAIL lines and a count;
// exits 1 on any failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy, EntityPolicies, FieldFormatEntityPolicy, NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy, componentEntityV1alpha1Validator, domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator, parseEntityRef, resourceEntityV1alpha1Validator, systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { checker } from './lib.mjs';

const [file, summaryFile] = process.argv.slice(2);
const { check, finish } = checker('backstage');

const docs = parseAllDocuments(readFileSync(file, 'utf8'));
const entities = [];
for (const [i, d] of docs.entries()) {
  check(`document ${i} parses`, d.errors.length === 0, d.errors.map(e => e.message).join('; '));
  check(`document ${i} parses without warnings`, d.warnings.length === 0, d.warnings.map(e => e.message).join('; '));
  entities.push(d.toJS());
}
check('there are entities', entities.length > 0);

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const validators = [componentEntityV1alpha1Validator, domainEntityV1alpha1Validator, groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator, systemEntityV1alpha1Validator, userEntityV1alpha1Validator];
const keyOf = (kind, ns, name) => `${kind}:${ns}/${name}`.toLocaleLowerCase('en-US');
const byKey = new Map();
for (const raw of entities) {
  const what = `${raw?.kind} ${raw?.metadata?.name}`;
  let e;
  try {
    e = await policy.enforce(raw);
    check(`${what} passes the entity policies`, !!e);
  } catch (err) {
    check(`${what} passes the entity policies`, false, err.message);
    continue;
  }
  let matched = false;
  for (const v of validators) {
    try {
      if (await v.check(e)) matched = true;
    } catch (err) {
      check(`${what} is a valid ${e.kind}`, false, err.message);
      matched = true;
    }
  }
  check(`${what} is of a kind Backstage knows`, matched);
  const key = keyOf(e.kind, e.metadata.namespace ?? 'default', e.metadata.name);
  check(`${what} is the only ${e.kind} of its name`, !byKey.has(key));
  byKey.set(key, e);
}

// Every reference in a spec resolves.
const refFields = { owner: 'group', system: 'system', domain: 'domain', parent: 'group', children: 'group',
  memberOf: 'group', dependsOn: undefined, members: 'user', subcomponentOf: 'component', dependencyOf: undefined };
for (const e of byKey.values()) {
  for (const [field, defaultKind] of Object.entries(refFields)) {
    const v = e.spec?.[field];
    if (v === undefined) continue;
    for (const r of Array.isArray(v) ? v : [v]) {
      let ok = false, detail = r;
      try {
        const p = parseEntityRef(r, { defaultKind, defaultNamespace: 'default' });
        ok = byKey.has(keyOf(p.kind, p.namespace, p.name));
      } catch (err) {
        detail = `${r}: ${err.message}`;
      }
      check(`${e.kind} ${e.metadata.name}: ${field} resolves`, ok, detail);
    }
  }
}

writeFileSync(summaryFile, JSON.stringify([...byKey.values()].map(e => ({
  kind: e.kind, name: e.metadata.name, title: e.metadata.title, description: e.metadata.description ?? null,
  tags: e.metadata.tags ?? [], annotations: e.metadata.annotations ?? {}, spec: e.spec,
}))));
finish();
