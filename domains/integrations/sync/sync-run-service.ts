import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, currentUserId, EmitsEvent, readDate, readJson, UnitOfWork } from '../../../lib/kit';
import { ConnectionStateError, IntegrationInputError } from '../connections/connection-errors';
import { ConnectionStore } from '../connections/connection-store';
import { isUniqueViolation } from '../shared/unique-violation';
import { toJsonColumn } from '../shared/json-column';
import { StartSyncOptions, SyncFailure, SyncRun, SyncSummary } from './sync';
import { SyncAlreadyRunningError, SyncRunNotFoundError, SyncRunStateError } from './sync-errors';
import { syncCompleted, syncFailed, syncStarted } from './sync-mappers';

const MAX_WARNINGS = 100;
const MAX_SCOPE_BYTES = 10_000;

/** The lifecycle of sync runs: started, completed or failed — each a conditional write, so a run ends once. */
@injectable()
export class SyncRunService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ConnectionStore,
  ) {}

  /**
   * Starts a run of a connected connection. Refused with SyncAlreadyRunningError while another run
   * of the connection is running (a partial unique index decides between concurrent starts).
   */
  @EmitsEvent('INTEGRATION_SYNC_STARTED', syncStarted)
  async start(connectionId: string, options: StartSyncOptions = {}): Promise<SyncRun> {
    const tenant = currentTenant('SyncRunService.start');
    const scope = checkScope(options.scope);
    const row = await this.store.row(connectionId);
    if (row.status !== 'connected') throw new ConnectionStateError(row.connection_id, row.status, 'sync');
    const db = this.uow.db;
    const running = await db('integration_sync_runs').where({ tenant, connection_id: row.connection_id, status: 'running' }).first('sync_id');
    if (running) throw new SyncAlreadyRunningError(row.connection_id, running.sync_id);
    const id = uuidv4();
    const now = actionTime();
    try {
      await db('integration_sync_runs').insert({
        sync_id: id,
        tenant,
        connection_id: row.connection_id,
        integration_id: row.integration_id,
        status: 'running',
        scope: toJsonColumn(scope),
        initiated_by_user_id: currentUserId() ?? null,
        started_at: now,
        heartbeat_at: now,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new SyncAlreadyRunningError(row.connection_id);
      throw err;
    }
    return this.get(id);
  }

  /** The run made progress (a page applied): it is alive. */
  async heartbeat(syncId: string): Promise<void> {
    await this.uow.db('integration_sync_runs').where({ sync_id: syncId, tenant: currentTenant('SyncRunService.heartbeat'), status: 'running' }).update({ heartbeat_at: actionTime() });
  }

  /** Completes a running run with its counts, and moves the connection's resume point to `cursor`. */
  @EmitsEvent('INTEGRATION_SYNC_COMPLETED', syncCompleted)
  async complete(syncId: string, result: { summary: SyncSummary; warnings: string[]; durationMs: number; cursor?: string }): Promise<SyncRun> {
    const tenant = currentTenant('SyncRunService.complete');
    const warnings = result.warnings.length > MAX_WARNINGS ? [...result.warnings.slice(0, MAX_WARNINGS), `… and ${result.warnings.length - MAX_WARNINGS} more`] : result.warnings;
    const updated = await this.uow
      .db('integration_sync_runs')
      .where({ sync_id: syncId, tenant, status: 'running' })
      .update({
        status: 'completed',
        finished_at: actionTime(),
        duration_ms: Math.max(0, Math.round(result.durationMs)),
        created_count: result.summary.created,
        updated_count: result.summary.updated,
        deleted_count: result.summary.deleted,
        skipped_count: result.summary.skipped,
        warnings: toJsonColumn(warnings),
      });
    const run = await this.get(syncId);
    if (!updated) throw new SyncRunStateError(syncId, run.status, 'complete');
    if (result.cursor !== undefined) {
      await this.uow.db('integration_connections').where({ connection_id: run.connectionId, tenant }).update({ sync_cursor: result.cursor });
    }
    return run;
  }

  /** Fails a running run; undefined (no event) when it had finished already. */
  @EmitsEvent('INTEGRATION_SYNC_FAILED', syncFailed)
  async fail(syncId: string, failure: SyncFailure, durationMs: number): Promise<SyncRun | undefined> {
    const tenant = currentTenant('SyncRunService.fail');
    const updated = await this.uow
      .db('integration_sync_runs')
      .where({ sync_id: syncId, tenant, status: 'running' })
      .update({
        status: 'failed',
        finished_at: actionTime(),
        duration_ms: Math.max(0, Math.round(durationMs)),
        error_code: failure.code?.slice(0, 64) ?? null,
        error_message: failure.message,
        retryable: failure.retryable ?? null,
      });
    return updated ? this.get(syncId) : undefined;
  }

  async get(syncId: string): Promise<SyncRun> {
    const tenant = currentTenant('SyncRunService.get');
    const row = await this.uow
      .db('integration_sync_runs as r')
      .join('integrations as i', function () {
        this.on('i.integration_id', '=', 'r.integration_id').andOn('i.tenant', '=', 'r.tenant');
      })
      .where({ 'r.sync_id': syncId, 'r.tenant': tenant })
      .first('r.*', 'i.provider');
    if (!row) throw new SyncRunNotFoundError(syncId);
    return syncRunOf(row);
  }
}

export function syncRunOf(row: any): SyncRun {
  const finished = row.status !== 'running';
  return {
    id: row.sync_id,
    tenantId: row.tenant,
    connectionId: row.connection_id,
    integrationId: row.integration_id,
    provider: row.provider,
    status: row.status,
    scope: row.scope === null || row.scope === undefined ? undefined : readJson(row.scope),
    initiatedByUserId: row.initiated_by_user_id ?? undefined,
    startedAt: readDate(row.started_at)!,
    finishedAt: readDate(row.finished_at) ?? undefined,
    durationMs: finished && row.duration_ms !== null ? Number(row.duration_ms) : undefined,
    summary:
      row.status === 'completed'
        ? { created: Number(row.created_count), updated: Number(row.updated_count), deleted: Number(row.deleted_count), skipped: Number(row.skipped_count) }
        : undefined,
    warnings: row.warnings ? readJson<string[]>(row.warnings) : [],
    errorCode: row.error_code ?? undefined,
    errorMessage: row.error_message ?? undefined,
    retryable: row.retryable === null || row.retryable === undefined ? undefined : !!row.retryable,
  };
}

function checkScope(scope: unknown): unknown {
  if (scope === undefined) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(scope);
  } catch {
    text = undefined;
  }
  if (text === undefined || scope === null) throw new IntegrationInputError('scope', 'must be a JSON value');
  if (Buffer.byteLength(text) > MAX_SCOPE_BYTES) throw new IntegrationInputError('scope', `must be at most ${MAX_SCOPE_BYTES} bytes of JSON`);
  return JSON.parse(text);
}
