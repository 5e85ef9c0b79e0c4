import { performance } from 'node:perf_hooks';
import { injectable } from 'tsyringe';
import { DomainError } from '../../../lib/kit';
import { ProviderCallError } from '../connections/connection-errors';
import { ConnectionStore } from '../connections/connection-store';
import { ProviderAdapters } from '../providers/provider-registry';
import { ProviderError } from '../providers/provider-failure';
import { SyncPage, SyncPageRequest } from '../providers/provider-adapter';
import { IntegrationSettings } from '../settings';
import { ConnectionTokens } from '../tokens/connection-tokens';
import { StartSyncOptions, SyncFailure, SyncRun, SyncSummary } from './sync';
import { SyncRecords } from './sync-records';
import { SyncRunService } from './sync-run-service';

/**
 * Runs a sync of one connection through its provider adapter: STARTED, then page after page of
 * changes since the last completed run applied to the local copy (a heartbeat after each), then
 * COMPLETED with the counts — or FAILED with the cause. Durations come from a monotonic clock
 * (the emission clock is fixed for each decorated call and may be faked). An access token the
 * API rejects is refreshed once and the page asked again.
 */
@injectable()
export class SyncRunner {
  constructor(
    private readonly runs: SyncRunService,
    private readonly records: SyncRecords,
    private readonly tokens: ConnectionTokens,
    private readonly store: ConnectionStore,
    private readonly adapters: ProviderAdapters,
    private readonly settings: IntegrationSettings,
  ) {}

  /**
   * Resolves with the finished run (completed or failed). Throws only when the run cannot start
   * (SyncAlreadyRunningError, ConnectionStateError, …): then nothing was emitted.
   */
  async run(connectionId: string, options: StartSyncOptions = {}): Promise<SyncRun> {
    const run = await this.runs.start(connectionId, options);
    const startedAt = performance.now();
    const elapsed = () => performance.now() - startedAt;
    try {
      const { summary, warnings, cursor } = await this.pages(run);
      return await this.runs.complete(run.id, { summary, warnings, cursor, durationMs: elapsed() });
    } catch (err) {
      const failed = await this.runs.fail(run.id, failureOf(err), elapsed());
      return failed ?? this.runs.get(run.id);
    }
  }

  private async pages(run: SyncRun): Promise<{ summary: SyncSummary; warnings: string[]; cursor?: string }> {
    const row = await this.store.row(run.connectionId);
    const adapter = this.adapters.get(row.provider);
    const summary: SyncSummary = { created: 0, updated: 0, deleted: 0, skipped: 0 };
    const warnings: string[] = [];
    let cursor = (row.sync_cursor as string | null) ?? undefined;
    let token = await this.tokens.accessToken(run.connectionId);
    const request = (): SyncPageRequest => ({
      accessToken: token.token,
      cursor,
      scope: run.scope,
      apiBaseUrl: row.api_base_url ?? undefined,
      timeoutMs: this.settings.providerTimeoutSeconds * 1000,
    });
    for (;;) {
      let page: SyncPage;
      try {
        page = await adapter.fetchChanges(request());
      } catch (err) {
        if (!(err instanceof ProviderError) || err.failure.code !== 'unauthorized') throw err;
        token = await this.tokens.accessToken(run.connectionId, token.version);
        page = await adapter.fetchChanges(request());
      }
      const applied = await this.records.apply(run, page.records, adapter);
      for (const k of Object.keys(summary) as Array<keyof SyncSummary>) summary[k] += applied.summary[k];
      warnings.push(...applied.warnings);
      cursor = page.cursor ?? cursor;
      await this.runs.heartbeat(run.id);
      if (!page.hasMore) return { summary, warnings, cursor };
    }
  }
}

/** The cause of a failed run as INTEGRATION_SYNC_FAILED reports it. */
function failureOf(err: unknown): SyncFailure {
  if (err instanceof ProviderError) return err.failure.code === 'unauthorized' ? { ...err.failure, retryable: false } : err.failure;
  if (err instanceof ProviderCallError) return err.failure;
  if (err instanceof DomainError) return { code: err.code, message: err.message, retryable: false };
  return { code: 'INTERNAL_ERROR', message: (err as Error)?.message ?? String(err) };
}
