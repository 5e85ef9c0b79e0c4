import { BooleanField, CountField, DateTimeField, JsonField, NestedField, StringArrayField, StringField, UuidField } from '../../../lib/kit';
import { IntegrationPayload } from '../connections/connection.events';
import { integrations } from '../module';

/** One sync run of a connection. */
abstract class IntegrationSyncPayload extends IntegrationPayload {
  @UuidField({ optional: true, description: 'The connection synced (always set by this module)' }) connectionId?: string;
  @StringField({ description: 'The run (a UUID); STARTED and its COMPLETED or FAILED share it' }) syncId!: string;
}

/** What a completed run changed in the local copy of the provider's records. */
export class IntegrationSyncSummary {
  @CountField({ description: 'Records seen for the first time' }) created!: number;
  @CountField({ description: 'Known records whose content changed' }) updated!: number;
  @CountField({ description: 'Records the provider reported deleted' }) deleted!: number;
  @CountField({ description: 'Records unchanged, or deletions of records never seen' }) skipped!: number;
}

@integrations.event({
  type: 'INTEGRATION_SYNC_STARTED',
  name: 'Integration Sync Started',
  subject: 'connectionId',
  description:
    'A sync run of a connection began (by a user, or by a schedule with no user). At most one run per connection is ' +
    'running at a time: a second start is refused and emits nothing. Every STARTED is followed by exactly one ' +
    'INTEGRATION_SYNC_COMPLETED or INTEGRATION_SYNC_FAILED with the same syncId (a crashed run is failed by a sweeper).',
})
export class IntegrationSyncStartedPayload extends IntegrationSyncPayload {
  @JsonField({ optional: true, description: 'What to sync, as given by the caller (e.g. {"types":["customer"]})' }) scope?: unknown;
  @UuidField({ optional: true, description: 'Staff user who started the run; absent for scheduled runs' }) initiatedByUserId?: string;
  @DateTimeField() startedAt!: string;
}

@integrations.event({
  type: 'INTEGRATION_SYNC_COMPLETED',
  name: 'Integration Sync Completed',
  subject: 'connectionId',
  description:
    'A sync run finished: every page the provider reported since the previous run was applied. summary counts records ' +
    'created, updated, deleted and skipped; durationMs is measured on a monotonic clock. warnings lists records that ' +
    'could not be applied (skipped) without failing the run. A run that stops on an error is INTEGRATION_SYNC_FAILED.',
})
export class IntegrationSyncCompletedPayload extends IntegrationSyncPayload {
  @DateTimeField() startedAt!: string;
  @DateTimeField() completedAt!: string;
  @CountField({ description: 'Milliseconds the run took (monotonic clock)' }) durationMs!: number;
  @NestedField(() => IntegrationSyncSummary) summary!: IntegrationSyncSummary;
  @StringArrayField({ optional: true, description: 'Records skipped and why, e.g. "customer 42: no name"' }) warnings?: string[];
}

@integrations.event({
  type: 'INTEGRATION_SYNC_FAILED',
  name: 'Integration Sync Failed',
  subject: 'connectionId',
  description:
    'A sync run ended in an error: the provider API refused or failed (errorCode http_<status>, unauthorized), the ' +
    'token could not be refreshed (the OAuth error, e.g. invalid_grant), or the run stopped reporting progress and was ' +
    'marked failed by the stale-run sweeper (SYNC_ABANDONED). Pages applied before the error stay applied; the next ' +
    'run resumes from the last completed run. retryable says whether running it again can help without a person.',
})
export class IntegrationSyncFailedPayload extends IntegrationSyncPayload {
  @DateTimeField() startedAt!: string;
  @DateTimeField() failedAt!: string;
  @CountField({ description: 'Milliseconds from start to failure' }) durationMs!: number;
  @StringField({ optional: true }) errorCode?: string;
  @StringField() errorMessage!: string;
  @BooleanField({ optional: true }) retryable?: boolean;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INTEGRATION_SYNC_STARTED: IntegrationSyncStartedPayload;
    INTEGRATION_SYNC_COMPLETED: IntegrationSyncCompletedPayload;
    INTEGRATION_SYNC_FAILED: IntegrationSyncFailedPayload;
  }
}
