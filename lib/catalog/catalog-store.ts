import { Knex } from 'knex';
import { v4 as uuidv4 } from 'uuid';
import { readJson } from '../uow/database';
import { insertIfAbsent } from '../uow/insert-if-absent';
import { CatalogEntry } from './catalog-entry';
import { JSON_COLUMNS, toCatalogRow } from './catalog-row';

export interface SyncReport {
  inserted: string[];
  updated: string[];
  unchanged: number;
}

/** Row values as stored: JSON columns serialised (jsonb on PostgreSQL, text on SQLite). */
function toColumns(e: CatalogEntry): Record<string, unknown> {
  const row: Record<string, unknown> = toCatalogRow(e);
  for (const c of JSON_COLUMNS) row[c] = row[c] === null ? null : JSON.stringify(row[c]);
  return row;
}

/** Compares parsed JSON, so key order or jsonb normalisation never reads as a change. */
function sameRow(row: Record<string, unknown>, cols: Record<string, unknown>): boolean {
  const json = new Set<string>(JSON_COLUMNS);
  return Object.entries(cols).every(([k, v]) => {
    const a = json.has(k) && row[k] !== null ? readJson(row[k]) : row[k] ?? null;
    const b = json.has(k) && v !== null ? JSON.parse(v as string) : v;
    return canonical(a) === canonical(b);
  });
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([x], [y]) => x.localeCompare(y))) : val,
  );
}

/**
 * Upserts `system_event_catalog` by event_type; a second run with the same catalog changes nothing.
 * Atomic per row (INSERT … ON CONFLICT DO NOTHING, then compare and update): processes syncing
 * at once never fail on the unique key, and exactly one of them reports each insert.
 */
export async function syncSystemCatalog(db: Knex, entries: CatalogEntry[]): Promise<SyncReport> {
  return db.transaction(async (trx) => {
    const existing = new Map<string, Record<string, unknown>>((await trx('system_event_catalog').select('*')).map((r: any) => [r.event_type, r]));
    const report: SyncReport = { inserted: [], updated: [], unchanged: 0 };
    const now = new Date();
    for (const entry of entries) {
      const cols = toColumns(entry);
      let row = existing.get(entry.eventType);
      if (!row) {
        if (await insertIfAbsent(trx, 'system_event_catalog', { event_id: uuidv4(), ...cols, created_at: now, updated_at: now }, ['event_type'])) {
          report.inserted.push(entry.eventType);
          continue;
        }
        // Another process inserted it since the read above (its transaction has committed).
        row = await trx('system_event_catalog').where({ event_type: entry.eventType }).first();
      }
      if (!sameRow(row!, cols)) {
        await trx('system_event_catalog').where({ event_type: entry.eventType }).update({ ...cols, updated_at: now });
        report.updated.push(entry.eventType);
      } else report.unchanged++;
    }
    return report;
  });
}

export async function readSystemCatalog(db: Knex): Promise<Array<Record<string, unknown>>> {
  const rows = await db('system_event_catalog').select('*').orderBy(['category', 'event_type']);
  return rows.map((r: any) => ({
    ...r,
    payload_schema: readJson(r.payload_schema),
    emitters: readJson(r.emitters),
    superseded_by: r.superseded_by === null ? null : readJson(r.superseded_by),
  }));
}
