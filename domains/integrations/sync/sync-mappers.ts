import { iso, nonEmpty } from '../../../lib/kit';
import { SyncRun } from './sync';

const base = (run: SyncRun) => ({
  tenantId: run.tenantId,
  integrationId: run.integrationId,
  provider: run.provider,
  connectionId: run.connectionId,
  syncId: run.id,
  startedAt: iso(run.startedAt),
});

export const syncStarted = (run: SyncRun) => ({ ...base(run), scope: run.scope, initiatedByUserId: run.initiatedByUserId });

export const syncCompleted = (run: SyncRun) => ({
  ...base(run),
  completedAt: iso(run.finishedAt!),
  durationMs: run.durationMs!,
  summary: { ...run.summary! },
  warnings: nonEmpty(run.warnings),
});

const failedPayload = (run: SyncRun) => ({
  ...base(run),
  failedAt: iso(run.finishedAt!),
  durationMs: run.durationMs!,
  errorCode: run.errorCode,
  errorMessage: run.errorMessage!,
  retryable: run.retryable,
});

/** Nothing when the run had finished already (the stale-run sweeper failed it first). */
export const syncFailed = (run: SyncRun | undefined) => (run ? failedPayload(run) : undefined);

/** Runs failed by the stale-run sweeper, for no one: tenant and actor from each run. */
export const syncsAbandoned = (runs: SyncRun[]) => runs.map((run) => ({ ...failedPayload(run), actorType: 'SYSTEM' as const }));
