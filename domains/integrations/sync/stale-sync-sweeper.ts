import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, readDate, Sweeper, UnitOfWork } from '../../../lib/kit';
import { IntegrationSettings } from '../settings';
import { SyncRun } from './sync';
import { syncsAbandoned } from './sync-mappers';
import { syncRunOf } from './sync-run-service';

/**
 * Finds runs left `running` by a process that died (no heartbeat for syncStaleAfterSeconds) and
 * fails them (SYNC_ABANDONED, retryable), so no run stays running forever and the connection can
 * sync again. Each run is claimed by a conditional UPDATE: concurrent sweeps fail it once.
 */
@injectable()
export class StaleSyncSweeper implements Sweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: IntegrationSettings,
  ) {}

  @EmitsEvent('INTEGRATION_SYNC_FAILED', syncsAbandoned)
  async sweep(now: Date = actionTime()): Promise<SyncRun[]> {
    const db = this.uow.db;
    const cutoff = new Date(now.getTime() - this.settings.syncStaleAfterSeconds * 1000);
    // Across tenants on purpose: sweeps run for no one, and each event takes its run's tenant.
    const stale = await db('integration_sync_runs').where('status', 'running').where('heartbeat_at', '<', cutoff).select('sync_id', 'tenant', 'started_at', 'heartbeat_at');
    const failed: SyncRun[] = [];
    for (const run of stale) {
      const startedAt = readDate(run.started_at)!;
      const won = await db('integration_sync_runs')
        .where({ sync_id: run.sync_id, tenant: run.tenant, status: 'running' })
        .where('heartbeat_at', '<', cutoff)
        .update({
          status: 'failed',
          finished_at: now,
          duration_ms: Math.max(0, now.getTime() - startedAt.getTime()),
          error_code: 'SYNC_ABANDONED',
          error_message: `The run stopped reporting progress for over ${this.settings.syncStaleAfterSeconds} s (its process probably stopped); run it again`,
          retryable: true,
        });
      if (!won) continue;
      const row = await db('integration_sync_runs as r')
        .join('integrations as i', function () {
          this.on('i.integration_id', '=', 'r.integration_id').andOn('i.tenant', '=', 'r.tenant');
        })
        .where({ 'r.sync_id': run.sync_id, 'r.tenant': run.tenant })
        .first('r.*', 'i.provider');
      failed.push(syncRunOf(row));
    }
    return failed;
  }
}
