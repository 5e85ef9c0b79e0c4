import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { ClientService, ContactService } from '../../../domains/crm';
import { AssetNotAssignedError, AssetOwnerInputError, AssetOwnerNotFoundError } from '../../../domains/assets';
import { forEachDatabase } from '../../support/databases';
import { AssetDesk } from './asset-desk';

forEachDatabase('assets: who holds an asset', (target) => {
  let desk: AssetDesk;
  beforeEach(async () => (desk = await AssetDesk.create(target)));
  afterEach(() => desk.close());
  const at = (iso: string) => ({ clock: () => new Date(iso) });
  const laptop = () => desk.run(() => desk.assets.create({ name: 'Laptop' }));

  it('assign to a client emits ASSET_ASSIGNED without a previous owner; reassigning to a site names the client', async () => {
    const asset = await laptop();
    const clientId = desk.parties.client();
    await desk.run(() => desk.ownership.assign(asset.id, { type: 'client', id: clientId }), at('2026-05-02T08:00:00Z'));
    const site = await desk.run(() => desk.sites.create({ name: 'Head office', clientId }));
    const change = await desk.run(() => desk.ownership.assign(asset.id, { type: 'site', id: site.id }), at('2026-05-03T08:00:00Z'));
    expect(change.asset).to.include({ ownerType: 'site', ownerId: site.id });
    const [first, second] = desk.kit.events.payloads('ASSET_ASSIGNED');
    expect(first).to.not.have.property('previousOwnerType');
    expect(desk.kit.events).to.have.emitted('ASSET_ASSIGNED').withPayload({ assetId: asset.id, newOwnerType: 'client', newOwnerId: clientId, actorUserId: desk.kit.actorUserId, assignedAt: '2026-05-02T08:00:00.000Z' }).times(1);
    expect(second).to.include({ previousOwnerType: 'client', previousOwnerId: clientId, newOwnerType: 'site', newOwnerId: site.id, assignedAt: '2026-05-03T08:00:00.000Z' });
    expect(desk.kit.events).to.have.emitted('ASSET_ASSIGNED').withPayload({ previousOwnerType: 'client', previousOwnerId: clientId, newOwnerType: 'site', newOwnerId: site.id }).times(1);
  });

  it('assigning the current holder again changes nothing and emits nothing', async () => {
    const asset = await laptop();
    const contactId = desk.parties.contact();
    await desk.run(() => desk.ownership.assign(asset.id, { type: 'contact', id: contactId }));
    await desk.run(() => desk.ownership.assign(asset.id, { type: 'contact', id: contactId.toUpperCase() }));
    expect(desk.kit.events.ofType('ASSET_ASSIGNED')).to.have.length(1);
  });

  it('unassign emits ASSET_UNASSIGNED with the previous holder and reason; an unheld asset is refused', async () => {
    const asset = await laptop();
    const contactId = desk.parties.contact();
    await desk.run(() => desk.ownership.assign(asset.id, { type: 'contact', id: contactId }));
    await desk.run(() => desk.ownership.unassign(asset.id, { reason: 'Returned at offboarding' }), at('2026-07-01T16:00:00Z'));
    expect(desk.kit.events).to.have.emitted('ASSET_UNASSIGNED').withPayload({
      assetId: asset.id,
      previousOwnerType: 'contact',
      previousOwnerId: contactId,
      actorUserId: desk.kit.actorUserId,
      unassignedAt: '2026-07-01T16:00:00.000Z',
      reason: 'Returned at offboarding',
    }).times(1);
    expect((await desk.run(() => desk.assets.get(asset.id))).ownerType).to.equal(undefined);
    expect(await desk.refusal(() => desk.ownership.unassign(asset.id))).to.be.instanceOf(AssetNotAssignedError);
    expect(desk.kit.events.ofType('ASSET_UNASSIGNED')).to.have.length(1);
  });

  it('unknown owners and bad owner input are refused before anything is written', async () => {
    const asset = await laptop();
    desk.kit.events.clear();
    expect(await desk.refusal(() => desk.ownership.assign(asset.id, { type: 'client', id: uuidv4() }))).to.be.instanceOf(AssetOwnerNotFoundError);
    expect(await desk.refusal(() => desk.ownership.assign(asset.id, { type: 'site', id: uuidv4() }))).to.be.instanceOf(AssetOwnerNotFoundError);
    expect((await desk.refusal(() => desk.ownership.assign(asset.id, { type: 'user' as any, id: uuidv4() }))).field).to.equal('owner.type');
    const bad = await desk.refusal(() => desk.ownership.assign(asset.id, { type: 'client', id: 'acme' }));
    expect(bad).to.be.instanceOf(AssetOwnerInputError).and.include({ field: 'owner.id' });
    expect((await desk.run(() => desk.assets.get(asset.id))).ownerId).to.equal(undefined);
    expect(desk.kit.events.types()).to.deep.equal([]);
  });

  it("with CRM's own services: real clients and contacts are accepted, unknown and other tenants' refused", async () => {
    await desk.close();
    desk = await AssetDesk.create(target, {}, { realCrm: true });
    const client = await desk.run(() => desk.kit.resolve(ClientService).create({ name: 'Acme Dental' }));
    const contact = await desk.run(() => desk.kit.resolve(ContactService).create({ clientId: client.id, fullName: 'Dana Reyes' }));
    const asset = await desk.run(() => desk.assets.create({ name: 'Laptop', clientId: client.id }));
    await desk.run(() => desk.ownership.assign(asset.id, { type: 'contact', id: contact.id }));
    expect(desk.kit.events).to.have.emitted('ASSET_ASSIGNED').withPayload({ assetId: asset.id, newOwnerType: 'contact', newOwnerId: contact.id }).times(1);
    expect(await desk.refusal(() => desk.ownership.assign(asset.id, { type: 'client', id: uuidv4() }))).to.be.instanceOf(AssetOwnerNotFoundError);
    const elsewhere = await desk.run(() => desk.kit.resolve(ClientService).create({ name: 'Other MSP client' }), { tenantId: uuidv4() });
    expect(await desk.refusal(() => desk.ownership.assign(asset.id, { type: 'client', id: elsewhere.id }))).to.be.instanceOf(AssetOwnerNotFoundError);
  });

  if (target.name === 'postgres') {
    it('two concurrent assignments run one after the other: the second names the first as previous holder', async () => {
      const asset = await laptop();
      const [a, b] = [desk.parties.client(), desk.parties.contact()];
      await Promise.all([desk.run(() => desk.ownership.assign(asset.id, { type: 'client', id: a })), desk.run(() => desk.ownership.assign(asset.id, { type: 'contact', id: b }))]);
      const events = desk.kit.events.payloads<any>('ASSET_ASSIGNED');
      expect(events).to.have.length(2);
      const [first, second] = events[0].previousOwnerId ? [events[1], events[0]] : events;
      expect(first.previousOwnerId).to.equal(undefined);
      expect(second.previousOwnerId).to.equal(first.newOwnerId);
      const final = await desk.run(() => desk.assets.get(asset.id));
      expect(final.ownerId).to.equal(second.newOwnerId);
    });
  }
});
