import { createHash } from 'node:crypto';
import { injectable } from 'tsyringe';
import { actionTime, UnitOfWork } from '../../../lib/kit';
import { ExternalRecord, ProviderAdapter } from '../providers/provider-adapter';
import { toJsonColumn } from '../shared/json-column';
import { SyncRun, SyncSummary } from './sync';

/** JSON with object keys sorted, so equal content hashes equally whatever the provider's key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const hashOf = (data: unknown) => createHash('sha256').update(canonicalJson(data)).digest('hex');

/**
 * The local copy of a connection's provider records (integration_synced_records), which sync runs
 * keep current and workflows read. Applying a page is one transaction: created / updated (content
 * changed) / deleted (tombstone of a known record) / skipped (unchanged, unknown tombstone, or
 * refused by the adapter's checkRecord, with a warning).
 */
@injectable()
export class SyncRecords {
  constructor(private readonly uow: UnitOfWork) {}

  apply(run: SyncRun, records: ExternalRecord[], adapter: ProviderAdapter): Promise<{ summary: SyncSummary; warnings: string[] }> {
    return this.uow.run(async (db) => {
      const summary: SyncSummary = { created: 0, updated: 0, deleted: 0, skipped: 0 };
      const warnings: string[] = [];
      const now = actionTime();
      for (const record of records) {
        const problem = adapter.checkRecord?.(record) ?? checkShape(record);
        if (problem) {
          summary.skipped++;
          warnings.push(problem);
          continue;
        }
        const key = { tenant: run.tenantId, connection_id: run.connectionId, record_type: record.type, external_id: record.externalId };
        const existing = await db('integration_synced_records').where(key).first('content_hash', 'deleted_at');
        if (record.deleted) {
          if (!existing || existing.deleted_at) summary.skipped++;
          else {
            await db('integration_synced_records').where(key).update({ deleted_at: now, last_synced_at: now, last_sync_id: run.id });
            summary.deleted++;
          }
          continue;
        }
        const hash = hashOf(record.data ?? {});
        if (!existing) {
          await db('integration_synced_records').insert({ ...key, content_hash: hash, data: toJsonColumn(record.data ?? {}), first_synced_at: now, last_synced_at: now, last_sync_id: run.id });
          summary.created++;
        } else if (existing.deleted_at || existing.content_hash !== hash) {
          await db('integration_synced_records').where(key).update({ content_hash: hash, data: toJsonColumn(record.data ?? {}), deleted_at: null, last_synced_at: now, last_sync_id: run.id });
          summary.updated++;
        } else summary.skipped++;
      }
      return { summary, warnings };
    });
  }

  /** The local copy of one record, or undefined (deleted ones included, with deletedAt). */
  async find(run: Pick<SyncRun, 'tenantId' | 'connectionId'>, type: string, externalId: string): Promise<{ data: unknown; deleted: boolean } | undefined> {
    const row = await this.uow.db('integration_synced_records').where({ tenant: run.tenantId, connection_id: run.connectionId, record_type: type, external_id: externalId }).first();
    return row ? { data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data, deleted: !!row.deleted_at } : undefined;
  }
}

function checkShape(record: ExternalRecord): string | undefined {
  if (!record.type || record.type.length > 64) return `record ${record.externalId}: type must be 1 to 64 characters`;
  if (!record.externalId || record.externalId.length > 255) return `${record.type} record: id must be 1 to 255 characters`;
  return undefined;
}
