import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { SchemaRegistry } from '../schema/registry';
import { JsonSchema } from '../schema/json-schema';
import { compareSchemas, SchemaChange } from './compatibility';

/**
 * `catalog.lock.json`: every published schema ref with a fingerprint and the validation-relevant
 * part of its schema, committed so a change to an existing ref is caught before it ships.
 */
export interface CatalogLock {
  lockVersion: 1;
  refs: Record<string, LockedRef>;
}

export interface LockedRef {
  eventType: string;
  fingerprint: string;
  schema: JsonSchema;
}

export interface LockReport {
  added: string[];
  unchanged: string[];
  /** Changed, but every payload valid before is still valid. */
  compatible: Array<{ ref: string; changes: SchemaChange[] }>;
  incompatible: Array<{ ref: string; changes: SchemaChange[] }>;
  /** In the lock, no longer registered: consumers of that version are stranded. */
  removed: string[];
}

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default']);
const SCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties']);

/** The schema without annotations: rewording a description is not a schema change. */
export function validationShape(node: unknown, inMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => validationShape(n));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (!inMap && ANNOTATIONS.has(key)) continue;
    const value = (node as Record<string, unknown>)[key];
    if (!inMap && key === 'required' && Array.isArray(value)) out[key] = [...value].sort(); // order carries no meaning
    else out[key] = inMap ? validationShape(value) : validationShape(value, SCHEMA_MAPS.has(key));
  }
  return out;
}

export function fingerprint(shape: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(shape)).digest('hex')}`;
}

export function buildLock(registry: SchemaRegistry): CatalogLock {
  const refs: Record<string, LockedRef> = {};
  for (const def of [...registry.all()].sort((a, b) => a.schemaRef.localeCompare(b.schemaRef))) {
    const schema = validationShape(registry.jsonSchema(def.schemaRef)) as JsonSchema;
    refs[def.schemaRef] = { eventType: def.type, fingerprint: fingerprint(schema), schema };
  }
  return { lockVersion: 1, refs };
}

/** The live registry against the lock: new refs are additions, changed ones are judged. */
export function checkLock(lock: CatalogLock, registry: SchemaRegistry): LockReport {
  const live = buildLock(registry).refs;
  const report: LockReport = { added: [], unchanged: [], compatible: [], incompatible: [], removed: [] };
  for (const [ref, now] of Object.entries(live)) {
    const locked = lock.refs[ref];
    if (!locked) report.added.push(ref);
    else if (locked.fingerprint === now.fingerprint) report.unchanged.push(ref);
    else {
      const changes = compareSchemas(locked.schema, now.schema);
      (changes.some((c) => !c.compatible) ? report.incompatible : report.compatible).push({ ref, changes });
    }
  }
  report.removed = Object.keys(lock.refs).filter((ref) => !live[ref]);
  return report;
}

export function readLock(file: string): CatalogLock | undefined {
  if (!fs.existsSync(file)) return undefined;
  const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as CatalogLock;
  if (lock.lockVersion !== 1 || typeof lock.refs !== 'object') throw new Error(`${file} is not a catalog lock (lockVersion 1)`);
  return lock;
}

/** JSON indented by two spaces, except that arrays of scalars (enums, `required`) stay on one line. */
export function formatLock(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (!value.length) return '[]';
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + formatLock(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatLock(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function writeLock(file: string, lock: CatalogLock): void {
  fs.writeFileSync(file, formatLock(lock) + '\n');
}
