import { expect } from 'chai';
import sinon from 'sinon';
import { forEachDatabase } from '../../support/databases';
import { AssetDesk } from './asset-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;

forEachDatabase('assets: warranty sweeper', (target) => {
  let desk: AssetDesk;
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(async () => {
    desk = await AssetDesk.create(target, { warrantyNoticeDays: 14 });
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(async () => {
    clock?.restore();
    await desk.close();
  });
  const sweep = () => desk.asSystem(() => desk.warranty.sweep());
  const asset = (name: string, warrantyExpiresAt?: Date, clientId?: string) => desk.run(() => desk.assets.create({ name, warrantyExpiresAt, clientId }));

  it('ASSET_WARRANTY_EXPIRING once per asset and end date, N days before (N configurable)', async () => {
    const clientId = desk.parties.client();
    const ending = await asset('Server', new Date('2026-03-20T00:00:00Z'), clientId);
    const later = await asset('NAS', new Date('2026-06-01T00:00:00Z'));
    await asset('Cable', undefined);
    await asset('Old switch', new Date('2026-02-01T00:00:00Z'));
    await sweep();
    expect(desk.kit.events.ofType('ASSET_WARRANTY_EXPIRING')).to.be.empty;
    clock!.tick(5 * DAY);
    await sweep();
    await sweep();
    expect(desk.kit.events).to.have.emitted('ASSET_WARRANTY_EXPIRING').withPayload({
      assetId: ending.id,
      expiresAt: '2026-03-20T00:00:00.000Z',
      daysUntilExpiry: 12,
      clientId,
      tenantId: desk.kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect(desk.kit.events.payloads('ASSET_WARRANTY_EXPIRING').map((p) => p.assetId)).to.deep.equal([ending.id]);
    expect(later.id).to.not.equal(ending.id);
  });

  it('concurrent sweeps warn once; an extended warranty is announced again for its new end date', async () => {
    const server = await asset('Server', new Date('2026-03-10T00:00:00Z'));
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(desk.kit.events.ofType('ASSET_WARRANTY_EXPIRING')).to.have.length(1);
    await desk.run(() => desk.assets.update(server.id, { warrantyExpiresAt: new Date('2027-03-10T00:00:00Z') }));
    await sweep();
    expect(desk.kit.events.ofType('ASSET_WARRANTY_EXPIRING')).to.have.length(1);
    clock!.tick(360 * DAY);
    await Promise.all([sweep(), sweep()]);
    expect(desk.kit.events.payloads('ASSET_WARRANTY_EXPIRING').map((p) => [p.expiresAt, p.daysUntilExpiry])).to.deep.equal([
      ['2026-03-10T00:00:00.000Z', 7],
      ['2027-03-10T00:00:00.000Z', 12],
    ]);
  });

  it('the notice window follows the settings', async () => {
    await desk.close();
    desk = await AssetDesk.create(target, { warrantyNoticeDays: 3 });
    await asset('Server', new Date('2026-03-10T00:00:00Z'));
    await sweep();
    expect(desk.kit.events.ofType('ASSET_WARRANTY_EXPIRING')).to.be.empty;
    clock!.tick(5 * DAY);
    await sweep();
    expect(desk.kit.events).to.have.emitted('ASSET_WARRANTY_EXPIRING').withPayload({ daysUntilExpiry: 2 }).times(1);
  });
});
