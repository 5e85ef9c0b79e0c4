import { DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { SyncStatus } from './sync';

export class SyncRunNotFoundError extends DomainNotFoundError {
  constructor(readonly syncId: string) {
    super('sync run', syncId, 'INTEGRATION_SYNC_NOT_FOUND');
  }
}

/** A second start while a run of the connection is running: refused (not queued); start again once it finished. */
export class SyncAlreadyRunningError extends DomainStateError {
  constructor(
    readonly connectionId: string,
    readonly runningSyncId?: string,
  ) {
    super(`Connection ${connectionId} is already syncing${runningSyncId ? ` (run ${runningSyncId})` : ''}: one run at a time, start again once it finished`, 'INTEGRATION_SYNC_ALREADY_RUNNING');
  }
}

/** The run is not running any more (e.g. the stale-run sweeper failed it while it was still working). */
export class SyncRunStateError extends DomainStateError {
  constructor(
    readonly syncId: string,
    readonly status: SyncStatus,
    action: string,
  ) {
    super(`Cannot ${action} sync run ${syncId}: it is ${status}`, 'INTEGRATION_SYNC_STATE');
  }
}
