import { expect } from 'chai';
import sinon from 'sinon';
import { ConnectionStateError, SyncAlreadyRunningError, SyncRecords, SyncRunStateError } from '../../../domains/integrations';
import { forEachDatabase } from '../../support/databases';
import { freshIntegrationsDeskPerTest } from './integrations-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;

forEachDatabase('integrations: sync runs through the provider adapter', (target) => {
  const desk = freshIntegrationsDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const seed = () => {
    desk.provider.putRecord('customer', 'C-1', { name: 'Northwind Dental' });
    desk.provider.putRecord('customer', 'C-2', { name: 'Contoso Legal' });
    desk.provider.putRecord('customer', 'C-3', { name: '' });
    desk.provider.putRecord('invoice', 'I-9', { total: 1200 });
  };

  it('STARTED, then COMPLETED with created/updated/deleted/skipped counts, warnings and a monotonic duration', async () => {
    const { kit } = desk;
    seed();
    const connection = await desk.connect();
    const run = await desk.run(() => desk.runner.run(connection.id, { scope: { types: ['customer', 'invoice'] } }));
    expect(run).to.include({ status: 'completed', connectionId: connection.id });
    expect(kit.events).to.have.emitted('INTEGRATION_SYNC_STARTED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      syncId: run.id,
      scope: { types: ['customer', 'invoice'] },
      initiatedByUserId: kit.actorUserId,
      startedAt: T0.toISOString(),
    }).times(1);
    expect(kit.events).to.have.emitted('INTEGRATION_SYNC_COMPLETED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      syncId: run.id,
      startedAt: T0.toISOString(),
      completedAt: T0.toISOString(),
      summary: { created: 3, updated: 0, deleted: 0, skipped: 1 },
      warnings: ['customer C-3: no name'],
    }).times(1);
    const [completed] = kit.events.payloads('INTEGRATION_SYNC_COMPLETED');
    // Date is frozen here; the duration comes from the monotonic clock all the same.
    expect(completed.durationMs).to.be.a('number').and.to.be.greaterThan(0);
    expect(kit.events).to.have.emittedInOrder(['INTEGRATION_SYNC_STARTED', 'INTEGRATION_SYNC_COMPLETED']);
    const copy = await kit.run(() => kit.resolve(SyncRecords).find(run, 'customer', 'C-1'));
    expect(copy).to.deep.equal({ data: { name: 'Northwind Dental' }, deleted: false });
  });

  it('the next run reads only what changed since: one created, one updated, one deleted; an unknown tombstone is skipped', async () => {
    const { kit } = desk;
    seed();
    const connection = await desk.connect();
    await desk.run(() => desk.runner.run(connection.id));
    desk.provider.putRecord('customer', 'C-2', { name: 'Contoso Legal LLP' });
    desk.provider.putRecord('customer', 'C-1', { name: 'Northwind Dental' }); // same content again
    desk.provider.deleteRecord('invoice', 'I-9');
    desk.provider.deleteRecord('invoice', 'I-404');
    desk.provider.putRecord('customer', 'C-4', { name: 'Fabrikam' });
    const second = await desk.run(() => desk.runner.run(connection.id));
    expect(second.summary).to.deep.equal({ created: 1, updated: 1, deleted: 1, skipped: 2 });
    expect(kit.events).to.have.emitted('INTEGRATION_SYNC_COMPLETED').withPayload({ syncId: second.id, summary: { created: 1, updated: 1, deleted: 1, skipped: 2 } });
    const third = await desk.run(() => desk.runner.run(connection.id));
    expect(third.summary).to.deep.equal({ created: 0, updated: 0, deleted: 0, skipped: 0 });
    expect(await kit.run(() => kit.resolve(SyncRecords).find(second, 'invoice', 'I-9'))).to.include({ deleted: true });
  });

  it('a provider error fails the run with its cause; the next run resumes from the last completed one', async () => {
    const { kit } = desk;
    seed();
    const connection = await desk.connect();
    desk.provider.failNextApiRequest(503);
    const failed = await desk.run(() => desk.runner.run(connection.id));
    expect(failed).to.include({ status: 'failed', errorCode: 'http_503', retryable: true });
    expect(kit.events).to.have.emitted('INTEGRATION_SYNC_FAILED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      syncId: failed.id,
      startedAt: T0.toISOString(),
      failedAt: T0.toISOString(),
      errorCode: 'http_503',
      errorMessage: 'injected HTTP 503',
      retryable: true,
    }).times(1);
    expect(kit.events).not.to.have.emitted('INTEGRATION_SYNC_COMPLETED');
    const retried = await desk.run(() => desk.runner.run(connection.id));
    expect(retried.summary).to.deep.equal({ created: 3, updated: 0, deleted: 0, skipped: 1 });
  });

  it('an access token the API rejects is refreshed once and the page asked again', async () => {
    seed();
    // No stated lifetime: the only way to learn the token expired is the API's 401.
    const connection = await desk.connect((body) => delete body.expires_in);
    clock!.tick(2 * 60 * MINUTE);
    const run = await desk.run(() => desk.runner.run(connection.id));
    expect(run.status).to.equal('completed');
    expect(desk.provider.stats.refreshGrants).to.equal(1);
    expect((await desk.get(connection.id)).tokenVersion).to.equal(2);
  });

  it('a refresh the provider refuses during a run fails it with the OAuth error, beside INTEGRATION_TOKEN_REFRESH_FAILED', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    desk.provider.revokeAllGrants();
    clock!.tick(59 * MINUTE);
    const run = await desk.run(() => desk.runner.run(connection.id));
    expect(run).to.include({ status: 'failed', errorCode: 'invalid_grant', retryable: false });
    expect(kit.events).to.have.emittedInOrder(['INTEGRATION_SYNC_STARTED', 'INTEGRATION_TOKEN_REFRESH_FAILED', 'INTEGRATION_SYNC_FAILED']);
    expect((await desk.get(connection.id)).status).to.equal('needs_attention');
  });

  it('one run per connection at a time: a second start is refused, clearly, and emits nothing', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    const running = await desk.run(() => desk.runs.start(connection.id));
    const err = await desk.run(() => desk.runner.run(connection.id)).catch((e) => e);
    expect(err).to.be.instanceOf(SyncAlreadyRunningError).and.to.include({ connectionId: connection.id, runningSyncId: running.id, code: 'INTEGRATION_SYNC_ALREADY_RUNNING' });
    expect(kit.events.ofType('INTEGRATION_SYNC_STARTED')).to.have.length(1);
    const other = await desk.connect();
    expect((await desk.run(() => desk.runner.run(other.id))).status).to.equal('completed');
  });

  it('two concurrent starts of one connection: exactly one run starts', async () => {
    const connection = await desk.connect();
    const results = await Promise.allSettled([desk.run(() => desk.runs.start(connection.id)), desk.run(() => desk.runs.start(connection.id)), desk.run(() => desk.runs.start(connection.id))]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).to.be.instanceOf(SyncAlreadyRunningError);
    expect(desk.kit.events.ofType('INTEGRATION_SYNC_STARTED')).to.have.length(1);
    expect(await desk.kit.db('integration_sync_runs').where({ status: 'running' })).to.have.length(1);
  });

  it('a crashed run is found by the stale-run sweeper and failed once (twice and concurrently); then syncing works again', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    const crashed = await desk.run(() => desk.runs.start(connection.id));
    clock!.tick(10 * MINUTE);
    const alive = await desk.connect();
    const working = await desk.run(() => desk.runs.start(alive.id));
    clock!.tick(6 * MINUTE);
    await Promise.all([desk.asSystem(() => desk.staleSweeper.sweep()), desk.asSystem(() => desk.staleSweeper.sweep())]);
    await desk.asSystem(() => desk.staleSweeper.sweep());
    expect(kit.events).to.have.emitted('INTEGRATION_SYNC_FAILED').withPayload({
      connectionId: connection.id,
      syncId: crashed.id,
      startedAt: T0.toISOString(),
      failedAt: '2026-03-02T09:16:00.000Z',
      durationMs: 16 * MINUTE,
      errorCode: 'SYNC_ABANDONED',
      retryable: true,
      tenantId: kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect(kit.events.payloads('INTEGRATION_SYNC_FAILED').map((p) => p.syncId)).to.deep.equal([crashed.id]);
    // The crashed process comes back: its run is over and stays failed.
    const late = await desk.run(() => desk.runs.complete(crashed.id, { summary: { created: 0, updated: 0, deleted: 0, skipped: 0 }, warnings: [], durationMs: 1 })).catch((e) => e);
    expect(late).to.be.instanceOf(SyncRunStateError).and.to.include({ status: 'failed' });
    expect(await desk.run(() => desk.runs.fail(crashed.id, { message: 'late' }, 1))).to.equal(undefined);
    expect((await desk.run(() => desk.runner.run(connection.id))).status).to.equal('completed');
    expect((await desk.run(() => desk.runs.get(working.id))).status).to.equal('running');
  });

  it('a disconnected connection cannot sync; bad scope names the field', async () => {
    const connection = await desk.connect();
    const bad = await desk.run(() => desk.runner.run(connection.id, { scope: { big: 'x'.repeat(20_000) } })).catch((e) => e);
    expect(bad).to.include({ field: 'scope' });
    await desk.run(() => desk.connections.disconnect(connection.id));
    const err = await desk.run(() => desk.runner.run(connection.id)).catch((e) => e);
    expect(err).to.be.instanceOf(ConnectionStateError).and.to.include({ status: 'disconnected' });
    expect(desk.kit.events.ofType('INTEGRATION_SYNC_STARTED')).to.be.empty;
  });

  it('scenario: a completed sync arrives at the worker through the bus', async () => {
    seed();
    const connection = await desk.connect();
    const envelope = await desk.kit
      .scenario(() => desk.run(() => desk.runner.run(connection.id)))
      .expect('INTEGRATION_SYNC_COMPLETED')
      .matching((p) => p.connectionId === connection.id && p.summary.created === 3)
      .toArrive({ within: 5000 });
    expect(envelope.tenantId).to.equal(desk.kit.tenantId);
  });
});
