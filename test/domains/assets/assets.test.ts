import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { AssetInputError, AssetNotFoundError, AssetOwnerNotFoundError } from '../../../domains/assets';
import { StaffActorRequiredError } from '../../../lib/kit';
import { forEachDatabase } from '../../support/databases';
import { AssetDesk } from './asset-desk';

forEachDatabase('assets: inventory', (target) => {
  let desk: AssetDesk;
  beforeEach(async () => (desk = await AssetDesk.create(target)));
  afterEach(() => desk.close());
  const at = (iso: string) => ({ clock: () => new Date(iso) });

  it('create registers an asset and emits ASSET_CREATED', async () => {
    const clientId = desk.parties.client();
    const asset = await desk.run(
      () => desk.assets.create({ name: ' Reception laptop ', assetType: 'laptop', serialNumber: 'C02XL0GJJGH5', clientId, warrantyExpiresAt: new Date('2027-05-01T00:00:00Z') }),
      at('2026-05-01T09:00:00Z'),
    );
    expect(asset).to.include({ name: 'Reception laptop', assetType: 'laptop', serialNumber: 'C02XL0GJJGH5', clientId });
    expect(asset.warrantyExpiresAt!.toISOString()).to.equal('2027-05-01T00:00:00.000Z');
    expect(desk.kit.events).to.have.emitted('ASSET_CREATED').withPayload({
      assetId: asset.id,
      clientId,
      createdByUserId: desk.kit.actorUserId,
      createdAt: '2026-05-01T09:00:00.000Z',
      assetType: 'laptop',
      serialNumber: 'C02XL0GJJGH5',
      tenantId: desk.kit.tenantId,
    }).times(1);
  });

  it('bad input names the field; an unknown client is refused; nothing is written or emitted', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: '  ' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'Laptop', clientId: 'acme' }, 'clientId'],
      [{ name: 'Laptop', serialNumber: 42 }, 'serialNumber'],
      [{ name: 'Laptop', warrantyExpiresAt: new Date('nope') }, 'warrantyExpiresAt'],
    ];
    for (const [input, field] of cases) {
      const err = await desk.refusal(() => desk.assets.create(input as any));
      expect(err, field).to.be.instanceOf(AssetInputError);
      expect(err.field).to.equal(field);
    }
    const unknownClient = uuidv4();
    const err = await desk.refusal(() => desk.assets.create({ name: 'Laptop', clientId: unknownClient }));
    expect(err).to.be.instanceOf(AssetOwnerNotFoundError).and.include({ ownerType: 'client', ownerId: unknownClient });
    expect(await desk.refusal(() => desk.assets.create({ name: 'Laptop' }), { actorUserId: undefined, actorContactId: uuidv4() })).to.be.instanceOf(StaffActorRequiredError);
    expect(await desk.count('assets')).to.equal(0);
    expect(desk.kit.events.types()).to.deep.equal([]);
  });

  it('update emits ASSET_UPDATED with the changed fields only; clearing is a change to null', async () => {
    const asset = await desk.run(() => desk.assets.create({ name: 'Firewall', assetType: 'firewall' }));
    const set = await desk.run(() => desk.assets.update(asset.id, { name: 'Firewall', serialNumber: 'FGT60F-1', assetType: null, warrantyExpiresAt: new Date('2028-01-31T00:00:00Z') }), at('2026-06-01T10:00:00Z'));
    expect(set.after).to.include({ serialNumber: 'FGT60F-1', assetType: undefined });
    expect(desk.kit.events).to.have.emitted('ASSET_UPDATED').withPayload({
      assetId: asset.id,
      updatedByUserId: desk.kit.actorUserId,
      updatedAt: '2026-06-01T10:00:00.000Z',
      updatedFields: ['assetType', 'serialNumber', 'warrantyExpiresAt'],
      changes: {
        assetType: { previous: 'firewall', new: null },
        serialNumber: { previous: null, new: 'FGT60F-1' },
        warrantyExpiresAt: { previous: null, new: '2028-01-31T00:00:00.000Z' },
      },
    }).times(1);
    const again = await desk.run(() => desk.assets.get(asset.id));
    expect(again.warrantyExpiresAt!.toISOString()).to.equal('2028-01-31T00:00:00.000Z');
  });

  it('a save that changes nothing writes and emits nothing; unknown keys, ids and other tenants are refused', async () => {
    const asset = await desk.run(() => desk.assets.create({ name: 'Printer', serialNumber: 'PR-1' }));
    desk.kit.events.clear();
    const set = await desk.run(() => desk.assets.update(asset.id, { name: ' Printer ', serialNumber: 'PR-1' }));
    expect(set.changes).to.deep.equal({});
    expect(set.after.updatedAt.getTime()).to.equal(asset.updatedAt.getTime());
    expect((await desk.refusal(() => desk.assets.update(asset.id, { ownerId: 'x' } as any))).field).to.equal('ownerId');
    expect((await desk.refusal(() => desk.assets.update(asset.id, { name: '' }))).field).to.equal('name');
    expect(await desk.refusal(() => desk.assets.update(asset.id, { clientId: uuidv4() }))).to.be.instanceOf(AssetOwnerNotFoundError);
    expect(await desk.refusal(() => desk.assets.update('not-a-uuid', { name: 'x' }))).to.be.instanceOf(AssetNotFoundError);
    expect(await desk.refusal(() => desk.assets.update(asset.id, { name: 'Mine now' }), { tenantId: uuidv4() })).to.be.instanceOf(AssetNotFoundError);
    expect(desk.kit.events.types()).to.deep.equal([]);
  });

  it('ASSET_CREATED arrives at the worker through the bus', async () => {
    const arrived = await desk.kit
      .scenario(() => desk.run(() => desk.assets.create({ name: 'Core switch', assetType: 'switch' })))
      .expect('ASSET_CREATED')
      .matching((p) => p.assetType === 'switch')
      .toArrive();
    expect(arrived.schemaRef).to.equal('payload.AssetCreated.v1');
  });
});
