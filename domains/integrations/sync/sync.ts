export type SyncStatus = 'running' | 'completed' | 'failed';

export interface SyncSummary {
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
}

/** One sync run of a connection. */
export interface SyncRun {
  id: string;
  tenantId: string;
  connectionId: string;
  integrationId: string;
  provider: string;
  status: SyncStatus;
  scope?: unknown;
  initiatedByUserId?: string;
  startedAt: Date;
  finishedAt?: Date;
  /** Monotonic-clock milliseconds, once finished. */
  durationMs?: number;
  summary?: SyncSummary;
  warnings: string[];
  errorCode?: string;
  errorMessage?: string;
  retryable?: boolean;
}

export interface StartSyncOptions {
  /** What to sync, as the adapter understands it (stored and reported as given; JSON). */
  scope?: unknown;
}

/** Why a run failed, as INTEGRATION_SYNC_FAILED reports it. */
export interface SyncFailure {
  code?: string;
  message: string;
  retryable?: boolean;
}
