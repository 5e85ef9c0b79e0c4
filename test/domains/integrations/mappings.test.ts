import { expect } from 'chai';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { MappingConflictError, MappingInputError, MappingNotFoundError } from '../../../domains/integrations';
import { StaffActorRequiredError } from '../../../lib/kit';
import { forEachDatabase } from '../../support/databases';
import { anotherTenant, freshIntegrationsDeskPerTest } from './integrations-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('integrations: external mappings', (target) => {
  const desk = freshIntegrationsDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const clientId = uuidv4();
  const create = (externalId = 'QB-77', localId = clientId, mappingType = 'client') =>
    desk.run(() => desk.mappings.create({ integrationId: desk.integration.id, mappingType, localId, externalId }));

  it('create: EXTERNAL_MAPPING_CHANGED with the new value and no previous one', async () => {
    const { kit } = desk;
    const { current } = await create();
    expect(current).to.include({ integrationId: desk.integration.id, provider: 'reference', mappingType: 'client', localId: clientId, externalId: 'QB-77' });
    expect(kit.events).to.have.emitted('EXTERNAL_MAPPING_CHANGED').withPayload({
      provider: 'reference',
      mappingType: 'client',
      mappingId: current!.id,
      actorUserId: kit.actorUserId,
      changedAt: T0.toISOString(),
      newValue: { integrationId: desk.integration.id, localId: clientId, externalId: 'QB-77' },
    }).times(1);
    expect(kit.events.payloads('EXTERNAL_MAPPING_CHANGED')[0]).not.to.have.property('previousValue');
    expect(await desk.run(() => desk.mappings.findByExternalId(desk.integration.id, 'client', 'QB-77'))).to.deep.include({ localId: clientId });
  });

  it('change: previous and new values; the same values again change nothing and emit nothing', async () => {
    const { kit } = desk;
    const { current } = await create();
    clock!.tick(60_000);
    await desk.run(() => desk.mappings.change(current!.id, { externalId: 'QB-78' }));
    expect(kit.events).to.have.emitted('EXTERNAL_MAPPING_CHANGED').withPayload({
      mappingId: current!.id,
      changedAt: '2026-03-02T09:01:00.000Z',
      previousValue: { integrationId: desk.integration.id, localId: clientId, externalId: 'QB-77' },
      newValue: { integrationId: desk.integration.id, localId: clientId, externalId: 'QB-78' },
    }).times(1);
    await desk.run(() => desk.mappings.change(current!.id, { externalId: 'QB-78', localId: clientId }));
    expect(kit.events.ofType('EXTERNAL_MAPPING_CHANGED')).to.have.length(2);
  });

  it('remove: the previous value and no new one', async () => {
    const { kit } = desk;
    const { current } = await create();
    await desk.run(() => desk.mappings.remove(current!.id));
    expect(kit.events).to.have.emitted('EXTERNAL_MAPPING_CHANGED').withPayload({ mappingId: current!.id, previousValue: { integrationId: desk.integration.id, localId: clientId, externalId: 'QB-77' } });
    expect(kit.events.payloads('EXTERNAL_MAPPING_CHANGED')[1]).not.to.have.property('newValue');
    expect(await desk.run(() => desk.mappings.get(current!.id)).catch((e) => e)).to.be.instanceOf(MappingNotFoundError);
    expect(await desk.run(() => desk.mappings.remove(current!.id)).catch((e) => e)).to.be.instanceOf(MappingNotFoundError);
  });

  it('one external id maps to one local record (and one local record to one external id)', async () => {
    const { kit } = desk;
    await create();
    const sameExternal = await create('QB-77', uuidv4()).catch((e) => e);
    expect(sameExternal).to.be.instanceOf(MappingConflictError).and.to.include({ side: 'externalId', value: 'QB-77', code: 'EXTERNAL_MAPPING_CONFLICT' });
    const sameLocal = await create('QB-99').catch((e) => e);
    expect(sameLocal).to.be.instanceOf(MappingConflictError).and.to.include({ side: 'localId' });
    const { current: other } = await create('QB-100', uuidv4());
    const steal = await desk.run(() => desk.mappings.change(other!.id, { externalId: 'QB-77' })).catch((e) => e);
    expect(steal).to.be.instanceOf(MappingConflictError);
    // Another mapping type is another namespace.
    await create('QB-77', clientId, 'vendor');
    expect(kit.events.ofType('EXTERNAL_MAPPING_CHANGED')).to.have.length(3);
    expect(await kit.db('integration_external_mappings')).to.have.length(3);
  });

  it('two concurrent creates of one external id: one wins, the other is a conflict', async () => {
    const results = await Promise.allSettled([create('QB-5', uuidv4()), create('QB-5', uuidv4()), create('QB-5', uuidv4())]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).to.be.instanceOf(MappingConflictError);
    expect(desk.kit.events.ofType('EXTERNAL_MAPPING_CHANGED')).to.have.length(1);
  });

  it('bad input names the field; only staff map; another tenant finds nothing', async () => {
    const bad = await create('QB-1', clientId, 'Client!').catch((e) => e);
    expect(bad).to.be.instanceOf(MappingInputError).and.to.include({ field: 'mappingType' });
    expect(await create('  ').catch((e) => e)).to.include({ field: 'externalId' });
    expect(await create('x'.repeat(256)).catch((e) => e)).to.include({ field: 'externalId' });
    const { current } = await create();
    const asContact = { actorUserId: undefined, actorContactId: uuidv4(), actorType: 'CONTACT' as const };
    expect(await desk.run(() => desk.mappings.remove(current!.id), asContact).catch((e) => e)).to.be.instanceOf(StaffActorRequiredError);
    const other = anotherTenant();
    expect(await desk.run(() => desk.mappings.change(current!.id, { externalId: 'mine' }), other).catch((e) => e)).to.be.instanceOf(MappingNotFoundError);
    expect(await desk.run(() => desk.mappings.findByExternalId(desk.integration.id, 'client', 'QB-77'), other)).to.equal(undefined);
    expect(desk.kit.events.ofType('EXTERNAL_MAPPING_CHANGED')).to.have.length(1);
  });
});
